import { TUESDAY_9AM } from '../test-support/fixtures';
import { decide, type MatchingEvent, type ReferralState } from './offer-machine';
import { runPolicy, runPolicyAsync, type OfferOutcome, type PolicyEffects, type SearchResult } from './policy-run';

// The policy run the matching service and the simulator share: what each effect is asked, in what order,
// and what the answers feed back to decide() in the same run.

const NOW = TUESDAY_9AM;
const submit = (candidates: string[]): MatchingEvent => ({
  type: 'referralSubmitted',
  referralId: 'r1',
  urgency: 'critical',
  roles: [{ role: 'forensic-pathologist', required: true, candidates }],
});

/** Effects that answer from a table and record every call, as `kind:detail`. */
function recording(outcomes: Record<string, OfferOutcome>, searches: SearchResult[] = []) {
  const calls: string[] = [];
  const effects: PolicyEffects = {
    decided: (_before, after) => void calls.push(`decided:${after.status}`),
    release: (c) => void calls.push(`release:${c.professionalId}`),
    reserve: (offers) => {
      calls.push(`reserve:${offers.map((o) => o.professionalId).join(',')}`);
      return offers.map((o) => outcomes[o.professionalId] ?? 'reserved');
    },
    search: (c) => {
      calls.push(`search:${c.role}`);
      return searches.shift() ?? { candidates: [] };
    },
    carryOut: (c) => void calls.push(c.type === 'offer' ? `offer:${c.professionalId}` : c.type),
  };
  return { calls, effects };
}

describe('policy run', () => {
  it('reserves a decision’s offers at once, carries out those reserved, and feeds back those that could not go out', () => {
    const { calls, effects } = recording({ p2: 'full', p3: 'unavailable' });
    const state = runPolicy(undefined, submit(['p1', 'p2', 'p3', 'p4', 'p5']), () => NOW, effects);
    // The first decision offers three: p1 goes out; p2 (full) fails that offer, p3 (gone) is skipped for
    // good. Both answers come back in the same run, and each refills its place from the list.
    expect(calls.filter((c) => c.startsWith('reserve:'))).toEqual(['reserve:p1,p2,p3', 'reserve:p4', 'reserve:p5']);
    expect(calls.filter((c) => c.startsWith('offer:'))).toEqual(['offer:p1', 'offer:p4', 'offer:p5']);
    expect(state.offers.map((o) => [o.professionalId, o.status])).toEqual([
      ['p1', 'open'],
      ['p2', 'unreserved'],
      ['p3', 'unavailable'],
      ['p4', 'open'],
      ['p5', 'open'],
    ]);
    expect(state.unavailable).toEqual(['p3']);
    // One `decided` per decision, after its commands: the submission and the two answers fed back.
    expect(calls.filter((c) => c.startsWith('decided'))).toHaveLength(3);
    expect(calls.at(-1)).toBe('decided:searching');
  });

  it('releases before it reserves, and a search’s candidates come back as the same run’s next decision', () => {
    const first = runPolicy(undefined, submit(['p1']), () => NOW, recording({}).effects);
    const { calls, effects } = recording({}, [{ candidates: ['p9'] }]);
    const offerId = first.offers[0]!.offerId;
    const state = runPolicy(first, { type: 'offerDeclined', offerId }, () => NOW + 60_000, effects);
    expect(calls).toEqual([
      'release:p1',
      'search:forensic-pathologist',
      'decided:searching',
      'reserve:p9',
      'offer:p9',
      'scheduleTimeout',
      'decided:searching',
    ]);
    expect(state.offers.map((o) => [o.professionalId, o.status])).toEqual([
      ['p1', 'declined'],
      ['p9', 'open'],
    ]);
  });

  it('an ops assignment reserved is accepted in the same run; one to someone gone fails just that offer', () => {
    const searching = runPolicy(undefined, submit(['p1']), () => NOW, recording({}).effects);
    const assign: MatchingEvent = { type: 'assignedByOps', role: 'forensic-pathologist', professionalId: 'p7' };
    const accepted = runPolicy(searching, assign, () => NOW, recording({}).effects);
    expect(accepted.offers.find((o) => o.professionalId === 'p7')?.status).toBe('accepted');
    // Gone since ranked or full: the ops assignment fails, the professional is not struck off the referral.
    const refused = runPolicy(searching, assign, () => NOW, recording({ p7: 'unavailable' }).effects);
    expect(refused.offers.find((o) => o.professionalId === 'p7')?.status).toBe('unreserved');
    expect(refused.unavailable).toEqual([]);
  });

  it('runs the same steps with effects that do I/O', async () => {
    const sync = recording({ p2: 'full' }, [{ candidates: ['p8'], waitable: true }]);
    const async = recording({ p2: 'full' }, [{ candidates: ['p8'], waitable: true }]);
    const later: PolicyEffects<true> = {
      decided: async (before, after) => async.effects.decided(before, after),
      release: async (c) => async.effects.release(c),
      reserve: async (offers) => async.effects.reserve(offers),
      search: async (c) => async.effects.search(c),
      carryOut: async (c) => async.effects.carryOut(c),
    };
    const event = submit(['p2']);
    const a = runPolicy(undefined, event, () => NOW, sync.effects);
    const b = await runPolicyAsync(undefined, event, () => NOW, later);
    expect(b).toEqual(a);
    expect(async.calls).toEqual(sync.calls);
    expect(async.calls).toContain('search:forensic-pathologist'); // the only one listed was full: a search
    expect(b.offers.map((o) => [o.professionalId, o.status])).toEqual([
      ['p2', 'unreserved'],
      ['p8', 'open'],
    ]);
  });

  it('ends with the state decide() alone would reach when nothing is fed back', () => {
    const state: ReferralState = runPolicy(undefined, submit(['p1']), () => NOW, recording({}).effects);
    expect(state).toEqual(decide(undefined, submit(['p1']), NOW).state);
  });
});
