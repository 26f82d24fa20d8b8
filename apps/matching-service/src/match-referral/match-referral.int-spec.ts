import { randomUUID } from 'node:crypto';
import type { Model } from 'mongoose';
import { EventFactory, TOPICS, type EventEnvelope } from '@haki/contracts';
import { loadConfig } from '@haki/platform-config';
import { createServiceContext, type ServiceContext } from '@haki/platform-runtime';
import { eventually, recordTopic, testInfraUrls, uniqueName, type TopicRecorder } from '@haki/testing';
import { MatchingModule } from '../app.module';
import { matchingConfigSchema } from '../config';
import { CAPACITY_SLOTS, MATCHING_REFERRALS, PROFESSIONALS } from '../matching.tokens';
import type { CapacitySlots } from '../roster/capacity';
import type { ProfessionalDocument } from '../roster/professional.model';
import { MatchReferral } from './match-referral.use-case';
import type { MatchingReferralDocument } from './matching-referral.model';

type Offered = EventEnvelope<typeof TOPICS.assignmentOffered>;
type Escalated = EventEnvelope<typeof TOPICS.referralEscalated>;

const intake = new EventFactory('intake-service');
const turkanaPostmortem = (referralId = randomUUID()) =>
  intake.create({
    topic: TOPICS.referralSubmitted,
    key: referralId,
    correlationId: `corr-${referralId}`,
    payload: {
      referralId,
      serviceType: 'postmortem',
      urgency: 'critical',
      rolesNeeded: ['forensic-pathologist', 'advocate'],
      countyCode: 23,
      countyName: 'Turkana',
      coarseLocation: { lat: 3.1, lon: 35.6 },
      submittedAt: new Date().toISOString(),
    },
  });

describe('MatchReferral on real Kafka and MongoDB-wire, with the demo roster', () => {
  let service: ServiceContext;
  let matchReferral: MatchReferral;
  let referrals: Model<MatchingReferralDocument>;
  let slots: CapacitySlots;
  let offered: TopicRecorder<Offered>;
  let escalated: TopicRecorder<Escalated>;

  beforeEach(async () => {
    const { kafkaBrokers, mongoUrl } = testInfraUrls();
    const prefix = uniqueName('matching');
    const config = loadConfig(matchingConfigSchema, {
      KAFKA_BROKERS: kafkaBrokers.join(','),
      KAFKA_TOPIC_PREFIX: prefix,
      MONGO_URL: mongoUrl,
      MONGO_DB: prefix,
      LOG_LEVEL: 'silent',
      SEED_DEMO_ROSTER: 'true',
    });
    service = await createServiceContext('matching-service', config, MatchingModule);
    matchReferral = service.app.get(MatchReferral);
    referrals = service.app.get(MATCHING_REFERRALS);
    slots = service.app.get(CAPACITY_SLOTS);
    offered = await recordTopic<Offered>(service.runtime.names.topic(TOPICS.assignmentOffered));
    escalated = await recordTopic<Escalated>(service.runtime.names.topic(TOPICS.referralEscalated));
  });

  afterEach(async () => {
    await Promise.all([offered.stop(), escalated.stop()]);
    await service.runtime.mongo.dropDatabase();
    await service.close();
  });

  it('reserves the nearest pathologist for a Turkana custody death and offers the case, caused by the referral', async () => {
    const submitted = turkanaPostmortem();
    await matchReferral.execute(submitted);

    const referral = await referrals.findById(submitted.payload.referralId).lean();
    expect(referral).toMatchObject({ state: 'offered', role: 'forensic-pathologist' });
    expect(referral!.offers.map((offer) => offer.professionalId)).toEqual(['pro-eld-path-1']);
    expect(await slots.find({ referralId: submitted.payload.referralId }).lean()).toEqual([
      expect.objectContaining({ _id: 'pro-eld-path-1#0', professionalId: 'pro-eld-path-1' }),
    ]);
    await eventually(() => expect(offered.messages).toHaveLength(1));
    expect(offered.messages[0]).toMatchObject({
      key: submitted.payload.referralId,
      producer: 'matching-service',
      correlationId: submitted.correlationId,
      causationId: submitted.eventId,
      payload: { professionalId: 'pro-eld-path-1', role: 'forensic-pathologist', countyName: 'Turkana' },
    });
    expect(offered.messages[0]!.payload.rationale).toMatch(/by road from Eldoret/);
  });

  it('handles a redelivered referral as the same one: one slot, one offer, one event with the same id', async () => {
    const submitted = turkanaPostmortem();
    for (let delivery = 0; delivery < 3; delivery++) await matchReferral.execute(submitted);

    expect((await referrals.findById(submitted.payload.referralId).lean())!.offers).toHaveLength(1);
    expect(await slots.countDocuments({ referralId: submitted.payload.referralId })).toBe(1);
    const next = turkanaPostmortem();
    await matchReferral.execute(next); // published after the first: a duplicate of the first would come before it
    await eventually(() => expect(offered.messages.map((event) => event.key)).toContain(next.payload.referralId));
    expect(offered.messages.filter((event) => event.key === submitted.payload.referralId)).toHaveLength(1);
  });

  it('escalates to ops, holding no capacity, once every eligible pathologist is full', async () => {
    const professionals = service.app.get<Model<ProfessionalDocument>>(PROFESSIONALS);
    await professionals.updateMany({ _id: { $ne: 'pro-eld-path-1' } }, { $set: { active: false } });
    const first = turkanaPostmortem();
    const second = turkanaPostmortem();
    await matchReferral.execute(first);
    await matchReferral.execute(second);

    expect((await referrals.findById(second.payload.referralId).lean())!.state).toBe('escalated');
    expect(await slots.countDocuments({ referralId: second.payload.referralId })).toBe(0);
    expect(await slots.countDocuments({ professionalId: 'pro-eld-path-1' })).toBe(1);
    await eventually(() => expect(escalated.messages).toHaveLength(1));
    expect(escalated.messages[0]).toMatchObject({
      key: second.payload.referralId,
      causationId: second.eventId,
      payload: { role: 'forensic-pathologist', reason: 'no eligible forensic pathologist has free capacity' },
    });
    await matchReferral.execute(second); // redelivered after escalating: still nothing reserved, no second escalation
    expect(await slots.countDocuments({ referralId: second.payload.referralId })).toBe(0);
  });
});
