import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { EventFactory, QUEUES, TOPICS } from '@haki/contracts';
import { testInfraUrls, uniqueName, useTestDatabase } from '@haki/testing';
import { notificationModel } from './notification.model';
import { QueueFollowUp, type FollowUpEvent } from './queue-follow-up.use-case';
import { QueueOffer } from './queue-offer.use-case';
import type { OutboundJob } from '../outbound/outbound-job';

const matching = new EventFactory('matching-service');
const offerRef = { referralId: 'ref-1', offerId: 'ref-1:1', professionalId: 'pro-nbo-path-1', role: 'forensic-pathologist' as const };
const offered = (manual: boolean) =>
  matching.create({
    topic: TOPICS.assignmentOffered,
    key: 'ref-1',
    correlationId: 'corr-1',
    payload: {
      ...offerRef,
      serviceType: 'postmortem',
      urgency: 'critical',
      countyName: 'Turkana',
      rationale: 'assigned by ops (ops-1)',
      expiresAt: new Date().toISOString(),
      ...(manual ? { manual: true } : {}),
    },
  });
const followUp = (topic: typeof TOPICS.assignmentConfirmed | typeof TOPICS.assignmentCancelled) =>
  matching.create({
    topic,
    key: 'ref-1',
    correlationId: 'corr-1',
    payload: topic === TOPICS.assignmentCancelled ? { ...offerRef, reason: 'reassigned' as const } : offerRef,
  }) as FollowUpEvent;

/** Follow-ups read before their offer (another topic; an ops assignment publishes both at once), on the real database. */
describe('follow-up messages that arrive before their offer', () => {
  const database = useTestDatabase('followups');

  let queue: Queue<OutboundJob>;
  let redis: Redis;

  beforeEach(() => {
    redis = new Redis(testInfraUrls().redisUrl, { maxRetriesPerRequest: null });
    queue = new Queue<OutboundJob>(QUEUES.outboundNotifications, { connection: redis, prefix: uniqueName('followups') });
  });

  afterEach(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    await redis.quit();
  });

  /** Ids of the send jobs queued so far (BullMQ job ids use "_" for ":"). */
  const queuedJobs = async () => (await queue.getJobs(['waiting', 'delayed'])).map((job) => job.id).sort();

  async function setup() {
    const notifications = await notificationModel(database());
    const followUps = new QueueFollowUp(notifications, queue);
    return { notifications, followUps, offers: new QueueOffer(notifications, queue, followUps) };
  }

  it('parks the confirmation of an ops assignment until its offer arrives, then queues it with the case facts', async () => {
    const { notifications, followUps, offers } = await setup();
    await followUps.execute('confirmed', followUp(TOPICS.assignmentConfirmed));
    expect(await notifications.findById('sms:confirmed:ref-1:1').lean()).toMatchObject({ status: 'awaiting-offer' });
    expect(await queuedJobs()).toEqual([]);
    await offers.execute(offered(true));
    expect(await notifications.findById('sms:ref-1:1').lean()).toMatchObject({ status: 'not-needed' }); // agreed by phone
    expect(await notifications.findById('sms:confirmed:ref-1:1').lean()).toMatchObject({ status: 'queued', countyName: 'Turkana' });
    // and its copy by email (sent if the volunteer has an address).
    expect(await notifications.findById('email:confirmed:ref-1:1').lean()).toMatchObject({ status: 'queued', channel: 'email' });
    expect((await queuedJobs()).sort()).toEqual(['email_confirmed_ref-1_1', 'sms_confirmed_ref-1_1']);
  });

  it('sends nothing about an offer that was cancelled before it was even read', async () => {
    const { notifications, followUps, offers } = await setup();
    await followUps.execute('cancelled', followUp(TOPICS.assignmentCancelled));
    await offers.execute(offered(false));
    const stored = await notifications.find().lean();
    expect(stored.map((n) => [n._id, n.status]).sort()).toEqual([
      ['parked-follow-ups:ref-1:1', undefined], // the marker that sent the offer looking for parked follow-ups
      ['sms:cancelled:ref-1:1', 'superseded'],
      ['sms:ref-1:1', 'superseded'],
    ]);
    expect(await queuedJobs()).toEqual(['sms_ref-1_1']); // its job finds it superseded and sends nothing
  });
});
