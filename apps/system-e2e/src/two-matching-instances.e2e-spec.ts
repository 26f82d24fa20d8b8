import { TOPICS, type EventEnvelope } from '@haki/contracts';
import { eventually, recordTopic, type RunningService, type TopicRecorder } from '@haki/testing';
import { HakiSystem, turkanaPostmortem } from './haki-system';

/** Of the demo roster: the most a professional may hold at once. */
const DEMO_CAPACITY: Record<string, number> = {
  'pro-nbo-path-1': 2,
  'pro-nbo-path-2': 2,
  'pro-eld-path-1': 1,
  'pro-ksm-path-1': 1,
  'pro-nbo-adv-1': 4,
  'pro-ksm-adv-1': 2,
};
const COUNTIES = ['Turkana', 'Marsabit', 'Kisumu', 'Nakuru', 'Mombasa', 'Nairobi', 'Garissa', 'Kakamega'];
const REFERRALS = 24;

interface Decision {
  _id: string;
  status: string;
  policy: { offers: { offerId: string; professionalId: string; role: string; status: string }[] };
}

/**
 * Two matching instances in one consumer group share the partitions. A burst of critical postmortems
 * competes for 6 pathologist places; ops accept the first offers of every other referral whose
 * pathologist (the required role) is asked, in the order they are seen, so which counties a
 * pathologist can reach in time does not decide whether any is answered; they report progress, the
 * rest go unanswered. The policy's clock runs 200 times fast (POLICY_TIME_SCALE 0.005:
 * offers last 4.5 s, the search window 36 s) so that every referral ends within the test.
 */
describe('two matching instances under a burst', () => {
  const system = new HakiSystem();
  // info: each instance logs 'referral decided', which shows that both did part of the work.
  const scale = { POLICY_TIME_SCALE: '0.005', LOG_LEVEL: 'info' };
  let matchingB: RunningService;
  let offered: TopicRecorder<EventEnvelope<typeof TOPICS.assignmentOffered>>;

  beforeAll(async () => {
    await system.start('intake-service');
    await system.start('matching-service', scale);
    matchingB = await system.startAnother('matching-service', scale);
    offered = await recordTopic(system.topic(TOPICS.assignmentOffered));
  });

  afterAll(async () => {
    await offered.stop();
    await system.stop();
  });

  it('keeps everyone within capacity, offers nobody twice, and ends every referral assigned or escalated', async () => {
    const submitted = await Promise.all(
      Array.from({ length: REFERRALS }, (_, i) => system.submitReferral({ ...turkanaPostmortem(), county: COUNTIES[i % COUNTIES.length] })),
    );
    expect(submitted).toHaveLength(REFERRALS);
    const offeredInOrder: string[] = [];
    const answered = (referralId: string) => offeredInOrder.indexOf(referralId) % 2 === 0;
    const matching = await system.db('matching-service');
    const decisions = matching.collection<Decision>('referral_decisions');
    const instances = [system.url('matching-service'), matchingB.url];
    let call = 0;
    const post = (path: string, body: object) =>
      system.fetch(`${instances[call++ % 2]}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const posted = new Set<string>();
    let worstLoad = 0;

    const final = await eventually(
      async () => {
        const all = await decisions.find().toArray();
        for (const decision of all) {
          const pathologistAsked = decision.policy.offers.some((offer) => offer.role === 'forensic-pathologist');
          if (pathologistAsked && !offeredInOrder.includes(decision._id)) offeredInOrder.push(decision._id);
        }
        // Ops at work: accept the first open offer of each role of the answered referrals, then report progress.
        for (const decision of all.filter((d) => answered(d._id) && d.status === 'searching')) {
          const offers = decision.policy.offers;
          for (const role of new Set(offers.map((offer) => offer.role))) {
            const ofRole = offers.filter((offer) => offer.role === role);
            const accepted = ofRole.find((offer) => offer.status === 'accepted');
            const open = ofRole.find((offer) => offer.status === 'open');
            if (accepted && !posted.has(`progress ${accepted.offerId}`)) {
              posted.add(`progress ${accepted.offerId}`);
              await post(`/offers/${accepted.offerId}/progress`, {});
            } else if (!accepted && open && !posted.has(open.offerId)) {
              posted.add(open.offerId);
              await post(`/offers/${open.offerId}/responses`, { response: 'accept' });
            }
          }
        }
        const slots = await matching.collection('capacity_slots').find().toArray();
        for (const [professionalId, capacity] of Object.entries(DEMO_CAPACITY)) {
          const held = slots.filter((slot) => slot['professionalId'] === professionalId).length;
          worstLoad = Math.max(worstLoad, held - capacity);
        }
        expect(all).toHaveLength(REFERRALS);
        expect(all.filter((d) => !['assigned', 'escalated'].includes(d.status))).toEqual([]);
        return all;
      },
      { timeoutMs: 120_000, intervalMs: 300 },
    );

    expect(worstLoad).toBeLessThanOrEqual(0); // nobody ever held more slots than their capacity
    for (const decision of final) {
      const asked = decision.policy.offers.map((offer) => offer.professionalId);
      expect(new Set(asked).size).toBe(asked.length); // nobody offered the same referral twice
    }
    const assigned = final.filter((d) => d.status === 'assigned');
    expect(assigned.length).toBeGreaterThan(0);
    expect(final.filter((d) => d.status === 'escalated').length).toBeGreaterThan(0);
    // Each assigned referral keeps exactly its active team's slots; escalated ones hold none.
    const slots = await matching.collection('capacity_slots').find().toArray();
    for (const decision of final) {
      const holders = decision.policy.offers.filter((offer) => ['accepted', 'active', 'open'].includes(offer.status));
      const held = slots.filter((slot) => slot['referralId'] === decision._id).map((slot) => slot['professionalId']);
      expect(held.sort()).toEqual(holders.map((offer) => offer.professionalId).sort());
    }
    // Every offer made was published exactly once.
    const offerIds = final.flatMap((d) => d.policy.offers.filter((o) => o.status !== 'unreserved').map((o) => o.offerId));
    await eventually(() => expect(new Set(offered.messages.map((event) => event.payload.offerId)).size).toBe(offerIds.length));
    expect(offered.messages.length).toBe(offerIds.length);
    // Both instances did part of the work.
    const decidedBy = [system.running.get('matching-service')!, matchingB].map((s) => s.output().split('referral decided').length - 1);
    expect(decidedBy).toEqual([expect.any(Number), expect.any(Number)]);
    expect(Math.min(...decidedBy)).toBeGreaterThan(0);
    process.stdout.write(
      `two-instance burst: ${REFERRALS} referrals, ${assigned.length} assigned, ${final.length - assigned.length} escalated, ` +
        `${offerIds.length} offers, decisions per instance ${decidedBy.join('/')}\n`,
    );
  });
});
