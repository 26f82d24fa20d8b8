import { Writable } from 'node:stream';
import { EventFactory, HakiError } from '@haki/contracts';
import { createLogger } from '@haki/platform-logging';
import type { OutboxEntry, OutboxRelay } from '@haki/platform-messaging';
import { FaultInjector, ServiceMetrics } from '@haki/platform-runtime';
import { useTestDatabase } from '@haki/testing';
import type { MessageChannel } from '../channels/channel';
import { RecordingChannel } from '../channels/recording/recording.channel';
import { ContactBook } from '../contacts/contact-book';
import { contactPhoneModel } from '../contacts/contact-phone.model';
import { contactModel } from '../contacts/contact.model';
import { Sealer } from '@haki/platform-config';
import { randomBytes } from 'node:crypto';
import { notificationModel } from './notification.model';
import { DeliveryReports } from '../delivery/delivery-reports';
import { MessageMetrics } from '../delivery/message-metrics';
import { providerMessageModel } from '../delivery/provider-message.model';
import type { NotificationConfig } from '../config';
import { OfferLinks } from '../links/offer-links';
import { OfferMessageEvents } from './offer-message-events';
import { SendOffer } from './send-offer.use-case';
import { AuditLog } from '@haki/platform-runtime';

const logger = createLogger({ service: 'test', level: 'silent' }, new Writable({ write: (_c, _e, done) => done() }));
// The relay itself is tested in libs/platform/messaging; here only what the send enqueues on it.
let enqueued: OutboxEntry[][] = [];
/** The service's metrics, new for each setup. */
let metrics = new ServiceMetrics('notification-service');
const relay = { enqueue: async (entries: OutboxEntry[]) => void enqueued.push(entries), kick: () => undefined } as unknown as OutboxRelay;
const brokenProvider: MessageChannel = {
  provider: 'broken',
  send: async () => {
    throw new Error('provider returned 503');
  },
};

const sealer = new Sealer(new Map([['k1', randomBytes(32)]]), 'k1', 'CONTACT');

describe('sending an offer SMS on the real database', () => {
  const database = useTestDatabase('notify');
  const job = { notificationId: 'sms:ref-1:pro-eld-path-1', correlationId: 'corr-1' };

  async function setup(
    channel: (db: ReturnType<typeof database>) => MessageChannel,
    language = 'en',
    email?: { address?: string; prefers?: 'sms' | 'email'; channel: MessageChannel },
  ) {
    enqueued = [];
    metrics = new ServiceMetrics('notification-service');
    const db = database();
    const notifications = await notificationModel(db);
    const contacts = new ContactBook(
      await contactModel(db),
      await contactPhoneModel(db),
      sealer,
      new AuditLog(db, 'test', { keyId: 't', key: randomBytes(32) }, logger),
    );
    const address = email?.address ? { email: email.address } : {};
    await contacts.save('pro-eld-path-1', { phone: '+254700000002', language, prefers: email?.prefers ?? 'sms', ...address });
    await notifications.create({
      _id: job.notificationId,
      offerId: 'ref-1:pro-eld-path-1',
      referralId: 'ref-1',
      professionalId: 'pro-eld-path-1',
      serviceType: 'postmortem',
      urgency: 'critical',
      countyName: 'Turkana',
      channel: 'sms',
      status: 'queued',
      correlationId: 'corr-1',
      causationId: 'evt-1',
    });
    const offerEvents = new OfferMessageEvents(new EventFactory('notification-service'));
    const deliveryReports = new DeliveryReports(await providerMessageModel(db), notifications, relay, offerEvents, logger);
    return {
      notifications,
      deliveryReports,
      route: { channel: channel(db) },
      sendOffer: new SendOffer(
        notifications,
        contacts,
        email?.channel ?? null,
        relay,
        logger,
        offerEvents,
        deliveryReports,
        new OfferLinks({} as NotificationConfig), // links off: their use is tested in the e2e suite
        new FaultInjector('', logger),
        new MessageMetrics({ metrics }),
      ),
    };
  }

  it('records the SMS once with its dispatched event, however often the job runs', async () => {
    const { notifications, sendOffer, route } = await setup((db) => new RecordingChannel(db));
    await sendOffer.execute(job, { last: false }, route);
    await sendOffer.execute(job, { last: false }, route);
    const stored = await notifications.findById(job.notificationId).lean();
    expect(stored!.status).toBe('sent');
    expect(await metrics.registry.metrics()).toMatch(
      /^haki_messages_total\{provider="recording",channel="sms",purpose="offer",status="sent",.*\} 1$/m,
    );
    expect(enqueued.map((entries) => entries.map((entry) => entry.envelope.payload))).toEqual([
      [expect.objectContaining({ status: 'sent', provider: 'recording' })],
    ]);
    expect(await database().collection('recorded_messages').countDocuments()).toBe(1);
  });

  it("writes in the contact's language", async () => {
    const { sendOffer, route } = await setup((db) => new RecordingChannel(db), 'sw');
    await sendOffer.execute(job, { last: false }, route);
    const [message] = await database().collection('recorded_messages').find().toArray();
    expect(message).toMatchObject({
      to: '+254700000002',
      text: expect.stringMatching(/^Haki: ombi la DHARURA la uchunguzi wa maiti, Kaunti ya Turkana\. Jibu NDIYO/),
    });
  });

  it('never sends an offer that was cancelled while its SMS waited', async () => {
    const { notifications, sendOffer, route } = await setup((db) => new RecordingChannel(db));
    const offer = (await notifications.findById(job.notificationId).lean())!;
    await notifications.create({ ...offer, _id: 'sms:cancelled:ref-1:pro-eld-path-1', purpose: 'cancelled' });
    await sendOffer.execute(job, { last: false }, route);
    expect((await notifications.findById(job.notificationId).lean())!.status).toBe('superseded');
    expect(await database().collection('recorded_messages').countDocuments()).toBe(0);
  });

  it('reports a refusal no retry can fix at once, without waiting for the last attempt', async () => {
    const refusing: MessageChannel = {
      provider: 'refusing',
      send: async () => {
        throw new HakiError('SMS.REJECTED', 'africastalking: invalid phone number (status 403 InvalidPhoneNumber)');
      },
    };
    const { notifications, sendOffer, route } = await setup(() => refusing);
    await expect(sendOffer.execute(job, { last: false }, route)).rejects.toMatchObject({ code: 'SMS.REJECTED' });
    expect((await notifications.findById(job.notificationId).lean())!.status).toBe('failed');
    expect(enqueued[0]!.map((entry) => entry.topic)).toEqual(['notification.dispatched.v1', 'notification.delivery-failed.v1']);
  });

  it('keeps the notification queued while attempts remain, and reports it failed after the last', async () => {
    const { notifications, sendOffer, route } = await setup(() => brokenProvider);
    await expect(sendOffer.execute(job, { last: false }, route)).rejects.toThrow('503');
    expect((await notifications.findById(job.notificationId).lean())!.status).toBe('queued');
    await expect(sendOffer.execute(job, { last: true }, route)).rejects.toThrow('503');
    const stored = await notifications.findById(job.notificationId).lean();
    expect(stored!.status).toBe('failed');
    expect(enqueued).toHaveLength(1);
    const [dispatched, deliveryFailed] = enqueued[0]!;
    expect(dispatched!.envelope.payload).toMatchObject({ status: 'failed', failureReason: 'provider returned 503' });
    // And on a topic of its own, for matching to move on without counting a decline.
    expect(deliveryFailed).toMatchObject({
      topic: 'notification.delivery-failed.v1',
      envelope: { key: 'ref-1', payload: { offerId: stored!.offerId, purpose: 'offer', reason: 'provider returned 503' } },
    });
  });

  it("hands the message to the fallback provider after the primary's last attempt, and it is sent once", async () => {
    const { notifications, sendOffer } = await setup(() => brokenProvider);
    const handedOver: unknown[] = [];
    const primary = { channel: brokenProvider, handOver: async (handed: typeof job) => void handedOver.push(handed) };
    await expect(sendOffer.execute(job, { last: false }, primary)).rejects.toThrow('503');
    await sendOffer.execute(job, { last: true }, primary);
    expect(handedOver).toEqual([job]);
    expect((await notifications.findById(job.notificationId).lean())!.status).toBe('queued');
    expect(enqueued).toEqual([]);

    const fallback = { channel: new RecordingChannel(database()) };
    await sendOffer.execute(job, { last: false }, fallback);
    await sendOffer.execute(job, { last: false }, fallback);
    expect((await notifications.findById(job.notificationId).lean())!.status).toBe('sent');
    expect(await database().collection('recorded_messages').countDocuments()).toBe(1);
  });

  it('does not hand over a refusal no provider can fix', async () => {
    const refusing: MessageChannel = {
      provider: 'refusing',
      send: async () => {
        throw new HakiError('SMS.REJECTED', 'invalid phone number');
      },
    };
    const { notifications, sendOffer } = await setup(() => refusing);
    const handOver = jest.fn();
    await expect(sendOffer.execute(job, { last: true }, { channel: refusing, handOver })).rejects.toMatchObject({ code: 'SMS.REJECTED' });
    expect(handOver).not.toHaveBeenCalled();
    expect((await notifications.findById(job.notificationId).lean())!.status).toBe('failed');
  });

  it('a delivery report that the SMS never arrived moves matching on once; resent or later reports change nothing', async () => {
    const { notifications, sendOffer, route, deliveryReports } = await setup((db) => new RecordingChannel(db));
    await sendOffer.execute(job, { last: false }, route);
    const { providerMessageId } = (await notifications.findById(job.notificationId).lean())!;
    enqueued = [];
    const report = {
      provider: 'recording',
      providerMessageId: providerMessageId!,
      outcome: 'failed' as const,
      failureReason: 'DeliveryFailure',
    };
    expect(await deliveryReports.record({ ...report, outcome: 'pending' })).toBe('unchanged');
    expect(await deliveryReports.record(report)).toBe('recorded');
    expect(await deliveryReports.record(report)).toBe('unchanged');
    expect(await deliveryReports.record({ ...report, outcome: 'delivered' })).toBe('unchanged');
    expect(enqueued).toHaveLength(1);
    expect(enqueued[0]).toEqual([
      expect.objectContaining({
        topic: 'notification.dispatched.v1',
        envelope: expect.objectContaining({
          payload: expect.objectContaining({ status: 'failed', failureReason: 'not delivered: DeliveryFailure' }),
        }),
      }),
      expect.objectContaining({
        topic: 'notification.delivery-failed.v1',
        envelope: expect.objectContaining({
          payload: expect.objectContaining({ offerId: 'ref-1:pro-eld-path-1', reason: 'not delivered: DeliveryFailure' }),
        }),
      }),
    ]);
    const tracked = await database()
      .collection('provider_messages')
      .findOne({ _id: `recording:${providerMessageId}` as never });
    expect(tracked).toMatchObject({
      recordId: job.notificationId,
      kind: 'offer-message',
      status: 'failed',
      failureReason: 'DeliveryFailure',
    });
    expect(await deliveryReports.record({ ...report, providerMessageId: 'someone-elses' })).toBe('unknown-message');
  });

  it('sends the offer by email to a volunteer who prefers it, with a subject naming the request', async () => {
    const emails: { to: string; subject?: string; text: string }[] = [];
    const mailbox: MessageChannel = {
      provider: 'smtp',
      send: async (m) => (emails.push(m), { provider: 'smtp', providerMessageId: '<1@test>', status: 'accepted' }),
    };
    const { notifications, sendOffer, route } = await setup((db) => new RecordingChannel(db), 'en', {
      address: 'eldoret@example.org',
      prefers: 'email',
      channel: mailbox,
    });
    await sendOffer.execute(job, { last: false }, route);
    expect(emails).toEqual([
      expect.objectContaining({
        to: 'eldoret@example.org',
        subject: 'Haki: postmortem request in Turkana County',
        text: expect.stringContaining('Reply YES'),
      }),
    ]);
    expect(await database().collection('recorded_messages').countDocuments()).toBe(0);
    expect((await notifications.findById(job.notificationId).lean())!.status).toBe('sent');
    expect(enqueued[0]![0]!.envelope.payload).toMatchObject({ channel: 'email', provider: 'smtp' });
  });

  it("marks a confirmation's email copy not needed for a volunteer without an address", async () => {
    const mailbox: MessageChannel = { provider: 'smtp', send: jest.fn() };
    const { notifications, sendOffer, route } = await setup((db) => new RecordingChannel(db), 'en', { channel: mailbox });
    const offer = (await notifications.findById(job.notificationId).lean())!;
    const copy = { ...offer, _id: 'email:confirmed:ref-1:pro-eld-path-1', purpose: 'confirmed' as const, channel: 'email' as const };
    await notifications.create(copy);
    await sendOffer.execute({ ...job, notificationId: copy._id }, { last: false }, route);
    expect((await notifications.findById(copy._id).lean())!.status).toBe('not-needed');
    expect(mailbox.send).not.toHaveBeenCalled();
  });
});
