import { decide, type MatchingEvent, type ReferralState } from '@haki/matching-core';
import { ServiceMetrics } from '@haki/platform-runtime';
import type { ReferralFacts } from '../referral-decisions/referral-decision.model';
import { OfferMetrics } from './offer-metrics';

const SUBMITTED = Date.parse('2026-12-03T06:00:00Z');
const facts = { submittedAt: new Date(SUBMITTED).toISOString(), coarseLocation: { lat: 3.7, lon: 34.9 } } as ReferralFacts; // Kakuma

describe('offer metrics', () => {
  it('times the first offer once, each role’s first acceptance once and the first start of work once, from submission', async () => {
    const registry = new ServiceMetrics('matching-service');
    const metrics = new OfferMetrics({ metrics: registry });
    let state: ReferralState | undefined;
    const apply = (event: MatchingEvent, at: number) => {
      const before = state;
      state = decide(state, event, at).state;
      const changed = state.offers.filter((o) => JSON.stringify(o) !== JSON.stringify(before?.offers.find((b) => b.offerId === o.offerId)));
      jest.setSystemTime(at);
      metrics.decided(facts, before, state, changed);
    };
    jest.useFakeTimers({ now: SUBMITTED });
    try {
      const roles = [{ role: 'advocate' as const, required: true, candidates: ['a1', 'a2'] }];
      apply({ type: 'referralSubmitted', referralId: 'r1', urgency: 'urgent', roles }, SUBMITTED + 90_000);
      const [first, second] = state!.offers;
      apply({ type: 'offerAccepted', offerId: first!.offerId }, SUBMITTED + 600_000);
      apply({ type: 'offerAccepted', offerId: second!.offerId }, SUBMITTED + 700_000); // the role is filled: no second count
      apply({ type: 'progressReported', offerId: first!.offerId }, SUBMITTED + 3_600_000); // on site: work started
      apply({ type: 'progressReported', offerId: first!.offerId }, SUBMITTED + 7_200_000); // a later report: no second count
      // Ops replace the volunteer at work; the new one starts too: still one referral on site, counted once.
      apply({ type: 'assignedByOps', role: 'advocate', professionalId: 'a3' }, SUBMITTED + 8_000_000);
      const replacement = state!.offers.find((o) => o.professionalId === 'a3')!;
      apply({ type: 'progressReported', offerId: replacement.offerId }, SUBMITTED + 9_000_000);
    } finally {
      jest.useRealTimers();
    }
    const text = await registry.registry.metrics();
    const line = (name: string) => text.split('\n').find((l) => l.startsWith(name))!;
    expect(line('haki_time_to_first_offer_seconds_sum')).toMatch(/urgency="urgent",area="\w+"} 90$/);
    expect(line('haki_time_to_acceptance_seconds_count')).toMatch(/role="advocate"} 1$/);
    expect(line('haki_time_to_acceptance_seconds_sum')).toMatch(/} 600$/);
    expect(line('haki_time_to_on_site_seconds_count')).toMatch(/urgency="urgent",area="remote"} 1$/);
    expect(line('haki_time_to_on_site_seconds_sum')).toMatch(/} 3600$/);
    expect(text).toContain('haki_offers_total{role="advocate",urgency="urgent",status="accepted",service="matching-service"} 1');
  });
});
