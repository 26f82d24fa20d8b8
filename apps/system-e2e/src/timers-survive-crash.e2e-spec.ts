import { TOPICS, type EventEnvelope } from '@haki/contracts';
import { eventually, recordTopic, type TopicRecorder } from '@haki/testing';
import { HakiSystem, turkanaPostmortem } from './haki-system';

/**
 * SIGKILL the matching service while its offers are open and their expiry timers pending, keep it down
 * past the time they were due, restart it: every timer still fires, once; nothing is offered twice;
 * the referral ends escalated holding no capacity. Policy clock 500 times fast (offers 1.8 s).
 */
describe('policy timers across a matching crash', () => {
  const system = new HakiSystem();
  const fast = { POLICY_TIME_SCALE: '0.002' };
  let expired: TopicRecorder<EventEnvelope<typeof TOPICS.assignmentExpired>>;
  let offered: TopicRecorder<EventEnvelope<typeof TOPICS.assignmentOffered>>;

  beforeAll(async () => {
    await Promise.all([system.start('intake-service'), system.start('case-service')]);
    expired = await recordTopic(system.topic(TOPICS.assignmentExpired));
    offered = await recordTopic(system.topic(TOPICS.assignmentOffered));
  });

  afterAll(async () => {
    await Promise.all([expired.stop(), offered.stop()]);
    await system.stop();
  });

  it('fires every pending timer once after the restart, offers nobody twice and leaks no slot', async () => {
    const matching = await system.start('matching-service', fast);
    const { referralId } = await system.submitReferral(turkanaPostmortem());
    await eventually(() => expect(offered.messages.filter((event) => event.key === referralId).length).toBeGreaterThan(0));
    matching.process.kill('SIGKILL');
    expect((await matching.exited).signal).toBe('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 3_000)); // the offers' expiry is due while matching is down
    await system.start('matching-service', fast);

    await eventually(async () => expect((await system.getCase(referralId)).matchingStatus).toBe('escalated'), { timeoutMs: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // let any duplicate show up before counting

    // Publishing is at-least-once: the kill may land between publishing an outbox and clearing it, and the
    // restarted consumer publishes it again. What must hold: one event per offer (a copy has the same event
    // id, which every consumer drops), and one offer per professional.
    const oneEventPerOffer = (events: { eventId: string; payload: { offerId: string } }[]) => {
      const idsByOffer = new Map<string, Set<string>>();
      for (const event of events)
        idsByOffer.set(event.payload.offerId, (idsByOffer.get(event.payload.offerId) ?? new Set()).add(event.eventId));
      for (const ids of idsByOffer.values()) expect(ids.size).toBe(1);
      return [...idsByOffer.keys()];
    };
    const offers = offered.messages.filter((event) => event.key === referralId);
    const offerIds = oneEventPerOffer(offers);
    const asked = offerIds.map((offerId) => offers.find((event) => event.payload.offerId === offerId)!.payload.professionalId);
    expect(new Set(asked).size).toBe(asked.length); // nobody asked twice
    const expiries = oneEventPerOffer(expired.messages.filter((event) => event.key === referralId)); // each expiry once
    expect(expiries.length).toBeGreaterThan(0);
    for (const offerId of expiries) expect(offerIds).toContain(offerId);
    const slots = await (await system.db('matching-service')).collection('capacity_slots').countDocuments({ referralId });
    expect(slots).toBe(0);
  });
});
