import fc from 'fast-check';
import { compileRoster } from '../roster/compiled-roster';
import { pro, TUESDAY_9AM } from '../test-support/fixtures';
import { PolicyDriver } from '../test-support/policy-driver';
import { decide, holdsCapacity, type Command, type MatchingEvent, type ReferralState } from './offer-machine';
import { DEFAULT_POLICY_TABLE, scalePolicyTable, type OfferPolicy } from './policy-table';

const NOW = TUESDAY_9AM;
const MIN = 60_000;
const types = (commands: Command[]) => commands.map((c) => c.type);
const offersIn = (commands: Command[]) => commands.flatMap((c) => (c.type === 'offer' ? [c.professionalId] : []));
const submit = (
  urgency: 'critical' | 'urgent' | 'normal',
  candidates: string[],
  extra: Partial<Extract<MatchingEvent, { type: 'referralSubmitted' }>> = {},
): MatchingEvent => ({
  type: 'referralSubmitted',
  referralId: 'r1',
  urgency,
  roles: [{ role: 'forensic-pathologist', required: true, candidates }],
  ...extra,
});
const offerIdOf = (s: ReferralState, professionalId: string) =>
  s.offers.find((o) => o.professionalId === professionalId)?.offerId as string;

describe('offer machine: named behaviour', () => {
  it('critical: three parallel offers with a short timeout; first acceptance wins, the others are cancelled', () => {
    const a = decide(undefined, submit('critical', ['p1', 'p2', 'p3', 'p4']), NOW);
    expect(offersIn(a.commands)).toEqual(['p1', 'p2', 'p3']);
    expect(a.commands).toContainEqual({ type: 'scheduleTimeout', at: NOW + 15 * MIN, event: { type: 'offerExpired', offerId: 'r1:1' } });
    const b = decide(a.state, { type: 'offerAccepted', offerId: offerIdOf(a.state, 'p2') }, NOW + MIN);
    expect(types(b.commands)).toEqual(['cancelOffer', 'releaseCapacity', 'cancelOffer', 'releaseCapacity', 'confirm', 'scheduleTimeout']);
    expect(b.commands.filter((c) => c.type === 'cancelOffer').map((c) => (c as { professionalId: string }).professionalId)).toEqual([
      'p1',
      'p3',
    ]);
    // A late second acceptance changes nothing: the role is filled.
    expect(decide(b.state, { type: 'offerAccepted', offerId: offerIdOf(a.state, 'p1') }, NOW + 2 * MIN)).toEqual({
      state: b.state,
      commands: [],
    });
    const c = decide(b.state, { type: 'progressReported', offerId: offerIdOf(a.state, 'p2') }, NOW + 30 * MIN);
    expect(c.state.status).toBe('assigned');
    expect(a.state.status).toBe('searching'); // inputs are never mutated
  });

  it('normal: sequential offers; a decline moves to the next; an SMS delivery failure does not use up a round', () => {
    const policy: OfferPolicy = { ...DEFAULT_POLICY_TABLE.normal, roundsPerStep: 2, wideningSteps: [] };
    const table = { ...DEFAULT_POLICY_TABLE, normal: policy };
    let d = decide(undefined, submit('normal', ['p1', 'p2', 'p3', 'p4']), NOW, table);
    expect(offersIn(d.commands)).toEqual(['p1']);
    d = decide(d.state, { type: 'deliveryFailed', offerId: 'r1:1' }, NOW + MIN);
    expect(offersIn(d.commands)).toEqual(['p2']);
    expect(types(d.commands)).toContain('releaseCapacity');
    d = decide(d.state, { type: 'offerDeclined', offerId: 'r1:2' }, NOW + 2 * MIN);
    expect(offersIn(d.commands)).toEqual(['p3']); // the failed SMS did not count: round 2 of 2
    d = decide(d.state, { type: 'offerExpired', offerId: 'r1:3' }, NOW + 8 * 60 * MIN);
    expect(d.commands).toContainEqual({ type: 'escalateToOps', roles: ['forensic-pathologist'], reason: 'no-candidates' });
    expect(d.state.status).toBe('escalated');
    expect(d.state.offers.map((o) => o.status)).toEqual(['undelivered', 'declined', 'expired']);
  });

  it('widens the search step by step, excluding everyone already asked, then escalates', () => {
    let d = decide(undefined, submit('urgent', []), NOW);
    expect(d.commands).toContainEqual({
      type: 'widenSearch',
      role: 'forensic-pathologist',
      step: 1,
      k: 15,
      ignoreTravelPreference: false,
      exclude: [],
    });
    d = decide(d.state, { type: 'candidatesFound', role: 'forensic-pathologist', step: 1, candidates: ['p1'] }, NOW + MIN);
    d = decide(d.state, { type: 'offerDeclined', offerId: 'r1:1' }, NOW + 2 * MIN);
    expect(d.commands).toContainEqual({
      type: 'widenSearch',
      role: 'forensic-pathologist',
      step: 2,
      k: 15,
      ignoreTravelPreference: true,
      exclude: ['p1'],
    });
    // Stale results for an old step are ignored.
    expect(decide(d.state, { type: 'candidatesFound', role: 'forensic-pathologist', step: 1, candidates: ['p9'] }, NOW).commands).toEqual(
      [],
    );
    d = decide(d.state, { type: 'candidatesFound', role: 'forensic-pathologist', step: 2, candidates: ['p1'] }, NOW + 3 * MIN);
    expect(offersIn(d.commands)).toEqual([]); // p1 already declined: never offered twice
    expect(d.state.status).toBe('escalated');
  });

  it('accepted but no progress report: reminder, then the role is re-offered', () => {
    let d = decide(undefined, submit('normal', ['p1', 'p2']), NOW);
    d = decide(d.state, { type: 'offerAccepted', offerId: 'r1:1' }, NOW + MIN);
    d = decide(d.state, { type: 'progressOverdue', offerId: 'r1:1', reminded: false }, NOW + 48 * 60 * MIN);
    expect(types(d.commands)).toEqual(['remind', 'scheduleTimeout']);
    d = decide(d.state, { type: 'progressOverdue', offerId: 'r1:1', reminded: true }, NOW + 60 * 60 * MIN);
    expect(d.commands).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'cancelOffer', professionalId: 'p1', reason: 'no-progress' })]),
    );
    expect(offersIn(d.commands)).toEqual(['p2']);
  });

  it('a professional who goes unavailable loses the open offer and is skipped later', () => {
    let d = decide(undefined, submit('normal', ['p1', 'p2', 'p3']), NOW);
    d = decide(d.state, { type: 'professionalUnavailable', professionalId: 'p2' }, NOW + MIN);
    expect(d.commands).toEqual([]);
    d = decide(d.state, { type: 'professionalUnavailable', professionalId: 'p1' }, NOW + 2 * MIN);
    expect(offersIn(d.commands)).toEqual(['p3']);
  });

  it('copies the policy row at submission: editing the table later does not change a case in flight', () => {
    const table = structuredClone(DEFAULT_POLICY_TABLE) as Record<'critical' | 'urgent' | 'normal', OfferPolicy>;
    const d = decide(undefined, submit('critical', ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7']), NOW, table);
    table.critical.parallelOffers = 1;
    table.critical.offerTimeoutMinutes = 999;
    const next = decide(d.state, { type: 'offerDeclined', offerId: 'r1:1' }, NOW + MIN, table);
    expect(offersIn(next.commands)).toEqual(['p4']);
    expect(next.state.policy.offerTimeoutMinutes).toBe(15);
  });

  it('closes the search at the medico-legal deadline and escalates; withdrawal frees everyone', () => {
    let d = decide(undefined, submit('critical', ['p1', 'p2'], { deadline: NOW + 30 * MIN }), NOW);
    expect(d.commands).toContainEqual({ type: 'scheduleTimeout', at: NOW + 30 * MIN, event: { type: 'searchTimeUp', at: NOW + 30 * MIN } });
    const up = decide(d.state, { type: 'searchTimeUp' }, NOW + 30 * MIN);
    expect(types(up.commands)).toEqual(['cancelOffer', 'releaseCapacity', 'cancelOffer', 'releaseCapacity', 'escalateToOps']);
    expect(up.state.status).toBe('escalated');
    d = decide(d.state, { type: 'offerAccepted', offerId: 'r1:1' }, NOW + MIN);
    const w = decide(d.state, { type: 'referralWithdrawn' }, NOW + 2 * MIN);
    expect(w.state.status).toBe('withdrawn');
    expect(w.commands.filter((c) => c.type === 'releaseCapacity')).toHaveLength(1);
    expect(decide(w.state, { type: 'offerDeclined', offerId: 'r1:2' }, NOW)).toEqual({ state: w.state, commands: [] });
  });

  it('rejects a referral that lists the same role twice (its second slot could never be offered)', () => {
    const twice = {
      type: 'referralSubmitted',
      referralId: 'r1',
      urgency: 'normal',
      roles: [
        { role: 'clinician', required: true, candidates: ['a1'] },
        { role: 'clinician', required: true, candidates: ['b1'] },
      ],
    } as const satisfies MatchingEvent;
    expect(() => decide(undefined, twice, NOW)).toThrow('MATCHING.DUPLICATE_ROLE: role clinician');
  });

  it('withdrawal after assignment cancels and releases everyone still holding an assignment', () => {
    let d = decide(undefined, submit('critical', ['p1']), NOW);
    d = decide(d.state, { type: 'offerAccepted', offerId: 'r1:1' }, NOW + MIN);
    d = decide(d.state, { type: 'progressReported', offerId: 'r1:1' }, NOW + 2 * MIN);
    expect(d.state.status).toBe('assigned');
    const w = decide(d.state, { type: 'referralWithdrawn' }, NOW + 3 * MIN);
    expect(w.commands).toEqual([
      { type: 'cancelOffer', offerId: 'r1:1', role: 'forensic-pathologist', professionalId: 'p1', reason: 'withdrawn' },
      { type: 'releaseCapacity', offerId: 'r1:1', professionalId: 'p1' },
    ]);
    expect(w.state.status).toBe('withdrawn');
    expect(decide(w.state, { type: 'referralWithdrawn' }, NOW + 4 * MIN)).toEqual({ state: w.state, commands: [] }); // idempotent
  });

  it('withdrawal after escalation still frees the professional active on an optional role', () => {
    let d = decide(
      undefined,
      submit('urgent', [], {
        roles: [
          { role: 'forensic-pathologist', required: true, candidates: [] },
          { role: 'advocate', required: false, candidates: ['a1'] },
        ],
      }),
      NOW,
    );
    d = decide(d.state, { type: 'offerAccepted', offerId: 'r1:1' }, NOW + MIN);
    d = decide(d.state, { type: 'progressReported', offerId: 'r1:1' }, NOW + 2 * MIN);
    d = decide(d.state, { type: 'candidatesFound', role: 'forensic-pathologist', step: 1, candidates: [] }, NOW + 3 * MIN);
    d = decide(d.state, { type: 'candidatesFound', role: 'forensic-pathologist', step: 2, candidates: [] }, NOW + 3 * MIN);
    expect(d.state.status).toBe('escalated');
    const w = decide(d.state, { type: 'referralWithdrawn' }, NOW + 4 * MIN);
    expect(w.commands).toEqual([
      { type: 'cancelOffer', offerId: 'r1:1', role: 'advocate', professionalId: 'a1', reason: 'withdrawn' },
      { type: 'releaseCapacity', offerId: 'r1:1', professionalId: 'a1' },
    ]);
    expect(w.state.status).toBe('withdrawn');
  });

  it('sends no offer after the search window closed, even before its searchTimeUp timer is processed', () => {
    let d = decide(undefined, submit('normal', ['p1', 'p2'], { deadline: NOW + 60 * MIN }), NOW);
    // Offers never outlive the window.
    expect(d.commands).toContainEqual({
      type: 'offer',
      offerId: 'r1:1',
      role: 'forensic-pathologist',
      professionalId: 'p1',
      expiresAt: NOW + 60 * MIN,
    });
    // p1 declines 5 minutes after the deadline; the searchTimeUp timer has not fired yet.
    d = decide(d.state, { type: 'offerDeclined', offerId: 'r1:1' }, NOW + 65 * MIN);
    expect(offersIn(d.commands)).toEqual([]);
    expect(d.commands).toEqual([
      { type: 'cancelOffer', offerId: 'r1:1', role: 'forensic-pathologist', professionalId: 'p1', reason: 'search-closed' },
      { type: 'releaseCapacity', offerId: 'r1:1', professionalId: 'p1' },
      { type: 'escalateToOps', roles: ['forensic-pathologist'], reason: 'search-time-up' },
    ]);
    expect(d.state.status).toBe('escalated');
    // The timer arriving afterwards changes nothing.
    expect(decide(d.state, { type: 'searchTimeUp' }, NOW + 66 * MIN)).toEqual({ state: d.state, commands: [] });
  });

  it('widening excludes professionals reported unavailable, not only those already offered', () => {
    let d = decide(undefined, submit('normal', ['x1'], { roles: [{ role: 'advocate', required: true, candidates: ['x1'] }] }), NOW);
    d = decide(d.state, { type: 'professionalUnavailable', professionalId: 'u1' }, NOW + MIN);
    d = decide(d.state, { type: 'offerDeclined', offerId: 'r1:1' }, NOW + 2 * MIN);
    expect(d.commands).toContainEqual({
      type: 'widenSearch',
      role: 'advocate',
      step: 1,
      k: 10,
      ignoreTravelPreference: false,
      exclude: ['x1', 'u1'],
    });
  });

  it('a referral of optional roles only where nobody is found escalates to ops instead of ending assigned to nobody', () => {
    let d = decide(undefined, submit('normal', [], { roles: [{ role: 'advocate', required: false, candidates: [] }] }), NOW);
    d = decide(d.state, { type: 'candidatesFound', role: 'advocate', step: 1, candidates: [] }, NOW + MIN);
    d = decide(d.state, { type: 'candidatesFound', role: 'advocate', step: 2, candidates: [] }, NOW + 2 * MIN);
    expect(d.commands).toEqual([{ type: 'escalateToOps', roles: ['advocate'], reason: 'no-candidates' }]);
    expect(d.state.status).toBe('escalated');
  });

  it('ops assign someone to an escalated role: reserved, then accepted at once; the referral searches again until progress', () => {
    let d = decide(undefined, submit('urgent', []), NOW, {
      ...DEFAULT_POLICY_TABLE,
      urgent: { ...DEFAULT_POLICY_TABLE.urgent, wideningSteps: [] },
    });
    expect(d.state.status).toBe('escalated');
    d = decide(d.state, { type: 'assignedByOps', role: 'forensic-pathologist', professionalId: 'p9' }, NOW + MIN);
    expect(d.commands).toEqual([expect.objectContaining({ type: 'offer', professionalId: 'p9', manual: true })]);
    expect(d.state.status).toBe('searching'); // its offer is open until the reservation answers
    d = decide(d.state, { type: 'offerAccepted', offerId: 'r1:1' }, NOW + MIN);
    expect(types(d.commands)).toEqual(['confirm', 'scheduleTimeout']);
    d = decide(d.state, { type: 'progressReported', offerId: 'r1:1' }, NOW + 10 * MIN);
    expect(d.state.status).toBe('assigned');
  });

  it('ops reassign: the earlier assignee is released and told, open offers of the role are cancelled', () => {
    let d = decide(undefined, submit('critical', ['p1', 'p2', 'p3']), NOW);
    d = decide(d.state, { type: 'offerAccepted', offerId: 'r1:1' }, NOW + MIN);
    d = decide(d.state, { type: 'assignedByOps', role: 'forensic-pathologist', professionalId: 'p7' }, NOW + 2 * MIN);
    expect(d.commands).toEqual([
      { type: 'cancelOffer', offerId: 'r1:1', role: 'forensic-pathologist', professionalId: 'p1', reason: 'reassigned' },
      { type: 'releaseCapacity', offerId: 'r1:1', professionalId: 'p1' },
      expect.objectContaining({ type: 'offer', professionalId: 'p7', manual: true }),
    ]);
    expect(d.state.offers.find((o) => o.professionalId === 'p1')?.status).toBe('released');
  });

  it('an ops assignment of someone holding an open offer is their acceptance; of someone full, a page to ops', () => {
    const a = decide(undefined, submit('critical', ['p1', 'p2']), NOW);
    const accepted = decide(a.state, { type: 'assignedByOps', role: 'forensic-pathologist', professionalId: 'p2' }, NOW + MIN);
    expect(types(accepted.commands)).toEqual(['cancelOffer', 'releaseCapacity', 'confirm', 'scheduleTimeout']);
    const manual = decide(a.state, { type: 'assignedByOps', role: 'forensic-pathologist', professionalId: 'p5' }, NOW + MIN);
    const full = decide(manual.state, { type: 'capacityUnavailable', offerId: 'r1:3' }, NOW + MIN);
    expect(full.commands).toEqual([{ type: 'escalateToOps', roles: ['forensic-pathologist'], reason: 'assignee-unavailable' }]);
    expect(full.state.status).toBe('escalated');
  });

  it('completion frees the capacity; a referral whose every staffed role is done is completed', () => {
    let d = decide(undefined, submit('normal', ['p1']), NOW);
    d = decide(d.state, { type: 'offerAccepted', offerId: 'r1:1' }, NOW + MIN);
    expect(d.state.offers[0]?.answeredAt).toBe(NOW + MIN);
    d = decide(d.state, { type: 'progressReported', offerId: 'r1:1' }, NOW + 2 * MIN);
    d = decide(d.state, { type: 'assignmentCompleted', offerId: 'r1:1' }, NOW + 3 * MIN);
    expect(d.commands).toEqual([
      { type: 'releaseCapacity', offerId: 'r1:1', professionalId: 'p1' },
      { type: 'complete', offerId: 'r1:1', role: 'forensic-pathologist', professionalId: 'p1' },
    ]);
    expect(d.state.status).toBe('completed');
    expect(decide(d.state, { type: 'assignmentCompleted', offerId: 'r1:1' }, NOW + 4 * MIN).commands).toEqual([]);
    expect(decide(d.state, { type: 'referralWithdrawn' }, NOW + 4 * MIN).commands).toEqual([]); // nothing left to free
  });

  it('the case service starting work makes accepted assignments active; closing completes them and ends the search', () => {
    let d = decide(
      undefined,
      submit('normal', ['p1', 'p2'], {
        roles: [
          { role: 'forensic-pathologist', required: true, candidates: ['p1'] },
          { role: 'advocate', required: false, candidates: ['a1', 'a2'] },
        ],
      }),
      NOW,
    );
    d = decide(d.state, { type: 'offerAccepted', offerId: offerIdOf(d.state, 'p1') }, NOW + MIN);
    const started = decide(d.state, { type: 'caseWorkStarted' }, NOW + 2 * MIN);
    expect(started.state.offers.find((o) => o.professionalId === 'p1')?.status).toBe('active');
    expect(decide(started.state, { type: 'caseWorkStarted' }, NOW + 3 * MIN).state).toBe(started.state); // started once
    // An advocate who accepts after work began joins it under way: no progress timer, no reminder, no release.
    const joined = decide(started.state, { type: 'offerAccepted', offerId: offerIdOf(started.state, 'a1') }, NOW + 3 * MIN);
    expect(joined.state.offers.find((o) => o.professionalId === 'a1')?.status).toBe('active');
    expect(types(joined.commands)).not.toContain('scheduleTimeout');
    // The advocate's offer is still open when the case closes (a family that stopped answering, say).
    const closed = decide(started.state, { type: 'caseClosed' }, NOW + 3 * MIN);
    const advocateOffer = offerIdOf(started.state, 'a1');
    expect(closed.commands).toEqual([
      { type: 'releaseCapacity', offerId: offerIdOf(started.state, 'p1'), professionalId: 'p1' },
      { type: 'complete', offerId: offerIdOf(started.state, 'p1'), role: 'forensic-pathologist', professionalId: 'p1' },
      { type: 'cancelOffer', offerId: advocateOffer, role: 'advocate', professionalId: 'a1', reason: 'withdrawn' },
      { type: 'releaseCapacity', offerId: advocateOffer, professionalId: 'a1' },
    ]);
    expect(closed.state.status).toBe('completed');
    expect(decide(closed.state, { type: 'caseClosed' }, NOW + 4 * MIN).commands).toEqual([]);
    expect(decide(closed.state, { type: 'offerAccepted', offerId: advocateOffer }, NOW + 4 * MIN).commands).toEqual([]);
  });

  it('an amendment re-offers a role still looking from the new ranking, and keeps whoever holds a role', () => {
    const a = decide(
      undefined,
      submit('normal', ['p1', 'p2'], {
        roles: [
          { role: 'forensic-pathologist', required: true, candidates: ['p1', 'p2'] },
          { role: 'advocate', required: false, candidates: ['a1'] },
        ],
      }),
      NOW,
    );
    const b = decide(a.state, { type: 'offerAccepted', offerId: offerIdOf(a.state, 'a1') }, NOW + MIN);
    // The place was wrong: Kakuma, not Lodwar. p3 and p4 are nearer; the pathologist p1 keeps the open offer.
    const amended = decide(
      b.state,
      {
        type: 'referralAmended',
        urgency: 'critical',
        roles: [
          { role: 'forensic-pathologist', required: true, candidates: ['p3', 'p1', 'p4'] },
          { role: 'advocate', required: false, candidates: ['a2'] },
        ],
      },
      NOW + 2 * MIN,
    );
    expect(offersIn(amended.commands)).toEqual(['p3', 'p4']); // critical: three at once, p1 already has one
    expect(amended.state.urgency).toBe('critical');
    expect(amended.state.offers.find((o) => o.professionalId === 'a1')?.status).toBe('accepted');
  });

  it('an amendment that drops a role lets its holder go, and an earlier deadline closes the search sooner', () => {
    const a = decide(
      undefined,
      submit('normal', ['p1'], {
        roles: [
          { role: 'forensic-pathologist', required: true, candidates: ['p1'] },
          { role: 'advocate', required: false, candidates: ['a1'] },
        ],
      }),
      NOW,
    );
    const b = decide(a.state, { type: 'offerAccepted', offerId: offerIdOf(a.state, 'a1') }, NOW + MIN);
    const c = decide(
      b.state,
      {
        type: 'referralAmended',
        urgency: 'normal',
        deadline: NOW + 30 * MIN,
        roles: [{ role: 'forensic-pathologist', required: true, candidates: ['p1'] }],
      },
      NOW + 2 * MIN,
    );
    expect(c.commands).toContainEqual({
      type: 'cancelOffer',
      offerId: offerIdOf(a.state, 'a1'),
      role: 'advocate',
      professionalId: 'a1',
      reason: 'withdrawn',
    });
    expect(c.commands).toContainEqual({ type: 'releaseCapacity', offerId: offerIdOf(a.state, 'a1'), professionalId: 'a1' });
    expect(c.commands).toContainEqual({ type: 'scheduleTimeout', at: NOW + 30 * MIN, event: { type: 'searchTimeUp', at: NOW + 30 * MIN } });
    expect(c.state.roles.map((r) => r.role)).toEqual(['forensic-pathologist']);
    // The old, later timer finds the search closed already and changes nothing.
    const closed = decide(c.state, { type: 'searchTimeUp' }, NOW + 30 * MIN);
    expect(closed.state.status).toBe('escalated');
    expect(decide(closed.state, { type: 'searchTimeUp' }, NOW + 600 * MIN).commands).toEqual([]);
  });

  it('an amendment reopens a role escalated for want of candidates while the search is open; never a withdrawn referral', () => {
    // Nobody in the list, nobody found on widening: the role is left to ops while the search window is still open.
    let a = decide(undefined, submit('urgent', []), NOW);
    for (
      let widen = a.commands.find((c) => c.type === 'widenSearch');
      widen?.type === 'widenSearch';
      widen = a.commands.find((c) => c.type === 'widenSearch')
    ) {
      a = decide(a.state, { type: 'candidatesFound', role: widen.role, step: widen.step, candidates: [] }, NOW);
    }
    expect(a.state.status).toBe('escalated');
    const b = decide(
      a.state,
      { type: 'referralAmended', urgency: 'urgent', roles: [{ role: 'forensic-pathologist', required: true, candidates: ['p9'] }] },
      NOW + MIN,
    );
    expect(offersIn(b.commands)).toEqual(['p9']);
    expect(b.state.status).toBe('searching');
    const withdrawn = decide(b.state, { type: 'referralWithdrawn' }, NOW + 2 * MIN);
    const late = {
      type: 'referralAmended' as const,
      urgency: 'critical' as const,
      roles: [{ role: 'forensic-pathologist' as const, required: true, candidates: ['p8'] }],
    };
    expect(decide(withdrawn.state, late, NOW + 3 * MIN).commands).toEqual([]);
  });

  it('ops re-offer a role left to them: a lapsed offer may go out again, never one declined; a closed window opens again', () => {
    const policy: OfferPolicy = { ...DEFAULT_POLICY_TABLE.normal, roundsPerStep: 2, wideningSteps: [] };
    const table = { ...DEFAULT_POLICY_TABLE, normal: policy };
    const role = 'forensic-pathologist';
    let d = decide(undefined, submit('normal', ['p1', 'p2']), NOW, table);
    d = decide(d.state, { type: 'offerDeclined', offerId: 'r1:1' }, NOW + MIN, table); // p1 says no
    d = decide(d.state, { type: 'offerExpired', offerId: 'r1:2' }, NOW + 8 * 60 * MIN, table); // p2 never answers
    expect(d.state.status).toBe('escalated');
    // Only a role left to ops: one still looking is not searched twice.
    const searching = decide(undefined, submit('normal', ['p1']), NOW, table);
    expect(decide(searching.state, { type: 'reofferedByOps', role }, NOW + MIN, table)).toEqual({ state: searching.state, commands: [] });

    // Ops ask after the search window closed: it opens again for the policy's escalation time.
    const at = d.state.searchClosesAt + 60 * MIN;
    const again = decide(d.state, { type: 'reofferedByOps', role }, at, table);
    const reopenedUntil = at + policy.escalateAfterMinutes * MIN;
    expect(again.state.status).toBe('searching');
    expect(again.commands).toEqual([
      { type: 'scheduleTimeout', at: reopenedUntil, event: { type: 'searchTimeUp', at: reopenedUntil } },
      { type: 'widenSearch', role, step: 1, k: 10, ignoreTravelPreference: false, exclude: ['p1'] },
    ]);
    // The first window's timer, arriving late, does not close the new one; an amendment keeps it open too.
    const firstWindow = { type: 'searchTimeUp', at: d.state.searchClosesAt } as const;
    expect(decide(again.state, firstWindow, at + MIN, table)).toEqual({ state: again.state, commands: [] });
    const amended = decide(
      again.state,
      { type: 'referralAmended', urgency: 'normal', roles: [{ role, required: true, candidates: ['p3'] }] },
      at + MIN,
      table,
    );
    expect(amended.state).toMatchObject({ searchClosed: false, searchClosesAt: reopenedUntil, status: 'searching' });
    expect(offersIn(amended.commands)).toEqual(['p3']);
    // The ranking lists everyone again: p2, whose offer lapsed, is asked; p1, who declined, is not.
    const found = decide(again.state, { type: 'candidatesFound', role, step: 1, candidates: ['p1', 'p2', 'p3'] }, at + MIN, table);
    expect(offersIn(found.commands)).toEqual(['p2']);
    const declined = decide(found.state, { type: 'offerDeclined', offerId: 'r1:3' }, at + 2 * MIN, table);
    expect(offersIn(declined.commands)).toEqual(['p3']);
    // Nobody left: back to ops, and the new window's end changes nothing more.
    const expired = decide(declined.state, { type: 'offerExpired', offerId: 'r1:4' }, at + 3 * MIN, table);
    expect(expired.commands).toContainEqual({ type: 'escalateToOps', roles: [role], reason: 'no-candidates' });
    expect(expired.state.status).toBe('escalated');
    // A withdrawn referral is not offered again.
    const withdrawn = decide(found.state, { type: 'referralWithdrawn' }, at + 2 * MIN, table);
    expect(withdrawn.state.status).toBe('withdrawn');
    expect(decide(withdrawn.state, { type: 'reofferedByOps', role }, at + 3 * MIN, table).commands).toEqual([]);
  });

  it('rejects an invalid deadline at submission, naming it', () => {
    expect(() => decide(undefined, submit('normal', ['p1'], { deadline: 'tomorrow' }), NOW)).toThrow(
      /MATCHING\.INVALID_DEADLINE: deadline "tomorrow"/,
    );
    expect(() => decide(undefined, submit('normal', ['p1'], { deadline: Number.NaN }), NOW)).toThrow(/INVALID_DEADLINE/);
    expect(decide(undefined, submit('normal', ['p1'], { deadline: '2025-03-05T09:00:00+03:00' }), NOW).state.searchClosesAt).toBe(
      NOW + 24 * 60 * MIN,
    );
  });

  it('rejects events for unknown referrals and ignores duplicate submissions', () => {
    expect(() => decide(undefined, { type: 'offerDeclined', offerId: 'x' }, NOW)).toThrow('MATCHING.UNKNOWN_REFERRAL');
    const d = decide(undefined, submit('normal', ['p1']), NOW);
    expect(decide(d.state, submit('normal', ['p9']), NOW)).toEqual({ state: d.state, commands: [] });
  });
});

// ---- Properties over random rosters, referrals and event orders -------------------------------------

type Action =
  | 'accept'
  | 'decline'
  | 'deliveryFailed'
  | 'unavailable'
  | 'progress'
  | 'timer'
  | 'withdraw'
  | 'stale'
  | 'assign'
  | 'complete'
  | 'amend'
  | 'caseStarted'
  | 'caseClosed'
  | 'reoffer';
const action = fc.constantFrom<Action>(
  'accept',
  'decline',
  'deliveryFailed',
  'unavailable',
  'progress',
  'timer',
  'timer',
  'withdraw',
  'stale',
  'assign',
  'complete',
  'amend',
  'caseStarted',
  'caseClosed',
  'reoffer',
);

const world = fc.record({
  professionals: fc.array(fc.record({ capacity: fc.integer({ min: 0, max: 2 }), openCases: fc.integer({ min: 0, max: 1 }) }), {
    minLength: 1,
    maxLength: 12,
  }),
  referrals: fc.array(
    fc.record({
      urgency: fc.constantFrom('critical', 'urgent', 'normal'),
      roles: fc.subarray(['forensic-pathologist', 'advocate', 'psychologist'] as const, { minLength: 1 }),
      candidateSeed: fc.array(fc.nat(11), { maxLength: 8 }),
      deadlineMinutes: fc.option(fc.integer({ min: 1, max: 600 }), { nil: undefined }),
    }),
    { minLength: 1, maxLength: 6 },
  ),
  script: fc.array(fc.tuple(action, fc.nat(), fc.integer({ min: 0, max: 120 })), { maxLength: 80 }),
  widenSeed: fc.array(fc.nat(11), { maxLength: 6 }),
});

describe('offer machine: properties', () => {
  it('offers nobody twice (but after an ops re-offer) nor beyond capacity; timeouts alone end every referral', () => {
    fc.assert(
      fc.property(world, ({ professionals, referrals, script, widenSeed }) => {
        const ids = professionals.map((_, i) => `p${i}`);
        const roster = compileRoster(
          professionals.map((p, i) => pro(`p${i}`, { capacity: p.capacity, openCases: Math.min(p.openCases, p.capacity) })),
        );
        const initialOpen = Int32Array.from(roster.openCases);
        const pick = (seed: number[]) => seed.map((n) => ids[n % ids.length] as string);
        // Widening returns candidates that may include people already asked: the machine must skip them.
        const driver = new PolicyDriver(roster, NOW, () => pick(widenSeed));

        const reofferTimes = new Map<string, number[]>(); // `<referral> <role>` → when a re-offer of it changed the state
        const checkInvariants = () => {
          for (const s of driver.states.values()) {
            // (1) the policy never offers anyone twice (ops may assign someone asked before), unless their
            // earlier offer lapsed and ops asked for a re-offer after it; hence never two roles at once
            const offered = s.offers.filter((o) => !o.manual);
            offered.forEach((later, i) =>
              offered.slice(0, i).forEach((earlier) => {
                if (earlier.professionalId !== later.professionalId) return;
                expect(['expired', 'undelivered', 'unreserved', 'cancelled']).toContain(earlier.status);
                const reoffers = reofferTimes.get(`${s.referralId} ${later.role}`) ?? [];
                expect(reoffers.some((t) => earlier.sentAt < t && t <= later.sentAt)).toBe(true);
              }),
            );
            const holders = s.offers.filter((o) => holdsCapacity(o.status)).map((o) => o.professionalId);
            expect(new Set(holders).size).toBe(holders.length);
            if (s.status !== 'searching') expect(s.offers.filter((o) => o.status === 'open')).toEqual([]);
            const staffed = (r: { phase: string }) => r.phase === 'active' || r.phase === 'completed';
            if (s.status === 'assigned' || s.status === 'completed') {
              expect(s.roles.filter((r) => r.required).every(staffed)).toBe(true);
              expect(s.roles.some(staffed)).toBe(true); // never assigned to nobody
            }
          }
          ids.forEach((id, i) => {
            expect(roster.openCases[i]).toBeLessThanOrEqual(roster.capacity[i] as number); // (2) capacity never exceeded
            expect(roster.openCases[i]).toBe((initialOpen[i] as number) + driver.heldBy(id)); // reservations match the states
          });
        };

        referrals.forEach((r, n) => {
          driver.send(`r${n}`, {
            type: 'referralSubmitted',
            referralId: `r${n}`,
            urgency: r.urgency,
            deadline: r.deadlineMinutes === undefined ? undefined : NOW + r.deadlineMinutes * MIN,
            roles: r.roles.map((role, k) => ({ role, required: k === 0, candidates: pick(r.candidateSeed) })),
          });
          checkInvariants();
        });

        for (const [act, n, minutes] of script) {
          driver.now += minutes * MIN;
          const open = driver.openOffers();
          const accepted = driver.acceptedOffers();
          const anyOpen = open[n % Math.max(1, open.length)];
          const anyAccepted = accepted[n % Math.max(1, accepted.length)];
          const referralId = `r${n % referrals.length}`;
          if (act === 'accept' && anyOpen) driver.send(anyOpen.referralId, { type: 'offerAccepted', offerId: anyOpen.offerId });
          if (act === 'decline' && anyOpen) driver.send(anyOpen.referralId, { type: 'offerDeclined', offerId: anyOpen.offerId });
          if (act === 'deliveryFailed' && anyOpen) driver.send(anyOpen.referralId, { type: 'deliveryFailed', offerId: anyOpen.offerId });
          if (act === 'unavailable')
            driver.send(referralId, { type: 'professionalUnavailable', professionalId: ids[n % ids.length] as string });
          if (act === 'progress' && anyAccepted)
            driver.send(anyAccepted.referralId, { type: 'progressReported', offerId: anyAccepted.offerId });
          if (act === 'timer') driver.fireNextTimer();
          if (act === 'withdraw' && n % 4 === 0) driver.send(referralId, { type: 'referralWithdrawn' });
          if (act === 'assign') {
            const state = driver.states.get(referralId)!;
            const role = state.roles[n % state.roles.length]!.role;
            driver.send(referralId, { type: 'assignedByOps', role, professionalId: ids[(n * 7) % ids.length] as string });
          }
          if (act === 'complete' && anyAccepted)
            driver.send(anyAccepted.referralId, { type: 'assignmentCompleted', offerId: anyAccepted.offerId });
          if (act === 'amend') {
            // Intake corrected it: another urgency, maybe an earlier deadline, a team with a role more or less, a fresh ranking.
            const roles = (['forensic-pathologist', 'advocate', 'psychologist'] as const).filter((_, k) => (n >> k) % 2 === 1 || k === 0);
            driver.send(referralId, {
              type: 'referralAmended',
              urgency: (['critical', 'urgent', 'normal'] as const)[n % 3]!,
              ...(n % 2 ? { deadline: driver.now + minutes * MIN } : {}),
              roles: roles.map((role, k) => ({ role, required: k === 0, candidates: pick(widenSeed) })),
            });
          }
          if (act === 'reoffer') {
            const before = driver.states.get(referralId)!;
            const role = before.roles[n % before.roles.length]!.role;
            driver.send(referralId, { type: 'reofferedByOps', role });
            const key = `${referralId} ${role}`;
            if (driver.states.get(referralId) !== before) reofferTimes.set(key, [...(reofferTimes.get(key) ?? []), driver.now]);
          }
          if (act === 'caseStarted') driver.send(referralId, { type: 'caseWorkStarted' });
          if (act === 'caseClosed' && n % 3 === 0) driver.send(referralId, { type: 'caseClosed' });
          if (act === 'stale') driver.send(referralId, { type: 'offerAccepted', offerId: `${referralId}:${n % 5}` }); // may be long gone
          checkInvariants();
        }

        // (3) Nobody answers any more: timeouts alone must bring every referral to an end.
        expect(driver.runTimersToEnd()).toBe(true);
        checkInvariants();
        for (const s of driver.states.values()) expect(['assigned', 'escalated', 'completed', 'withdrawn']).toContain(s.status);
      }),
      { numRuns: 400 },
    );
  });
});

describe('scalePolicyTable', () => {
  it('shortens every duration of the policy and keeps its counts', () => {
    const fast = scalePolicyTable(DEFAULT_POLICY_TABLE, 0.001);
    expect(fast.critical.offerTimeoutMinutes).toBeCloseTo(0.015);
    expect(fast.normal.escalateAfterMinutes).toBeCloseTo(DEFAULT_POLICY_TABLE.normal.escalateAfterMinutes * 0.001);
    expect(fast.critical.parallelOffers).toBe(DEFAULT_POLICY_TABLE.critical.parallelOffers);
    expect(fast.urgent.wideningSteps).toEqual(DEFAULT_POLICY_TABLE.urgent.wideningSteps);
  });
});
