import fc from 'fast-check';
import { compileRoster, type CompiledRoster } from '../roster/compiled-roster';
import { rankRole } from '../ranking/rank';
import type { ReferralForMatching } from '../ranking/referral';
import { firstNeed, PLACES, pro, TUESDAY_9AM } from '../test-support/fixtures';
import { PolicyDriver } from '../test-support/policy-driver';
import type { Command, ReferralState } from './offer-machine';
import { holdsSlotOf, rolesOpenToFreedSlot, triageOrder, TriagePasses } from './triage';

// Surge triage: when every advocate's slot is held, a new referral waits for one instead of going to ops
// at once, and a freed slot goes to the waiting referral with the least slack.

const NOW = TUESDAY_9AM;
const HOUR = 3_600_000;
const ADVOCATE = firstNeed('legal-aid');

function network(advocates: number): CompiledRoster {
  const spots = [PLACES.nairobi, PLACES.westlands, PLACES.kibera, PLACES.kasarani];
  return compileRoster(
    Array.from({ length: advocates }, (_, i) =>
      pro(`adv-${i}`, { roles: ['advocate'], homeBase: spots[i % spots.length], capacity: 1, maxTravelKm: 1000 }),
    ),
  );
}

/** The matching service's loop around decide(), as the test driver plays it, with or without triage. */
function serviceLoop(roster: CompiledRoster, referrals: Map<string, ReferralForMatching>, triage: boolean): PolicyDriver {
  const rank = (id: string, exclude: string[], more: { k?: number; ignoreCapacity?: boolean; ignoreTravelPreference?: boolean }) =>
    rankRole(roster, referrals.get(id)!, ADVOCATE, driver.now, { exclude, ...more }).map((c) => c.professionalId);
  const driver: PolicyDriver = new PolicyDriver(roster, NOW, (id, _role, step, exclude) =>
    rank(id, exclude, { k: 20, ignoreTravelPreference: step >= 2 }),
  );
  if (triage) driver.waitable = (id, _role, _step, exclude) => rank(id, exclude, { k: 1, ignoreCapacity: true }).length > 0;
  return driver;
}

function submit(driver: PolicyDriver, referral: ReferralForMatching): void {
  const id = referral.referralId;
  const candidates = rankRole(driver.roster, referral, ADVOCATE, driver.now).map((c) => c.professionalId);
  const waitable = driver.waitable ? driver.waitable(id, 'advocate', 0, []) : undefined;
  driver.send(id, {
    type: 'referralSubmitted',
    referralId: id,
    urgency: referral.urgency,
    deadline: referral.deadline as number,
    roles: [{ role: 'advocate', required: true, candidates, ...(waitable === undefined ? {} : { waitable }) }],
  });
}

const legalAid = (id: string, deadlineHours: number, urgency: 'critical' | 'urgent' = 'critical'): ReferralForMatching => ({
  referralId: id,
  serviceType: 'legal-aid',
  location: PLACES.nairobi,
  urgency,
  deadline: NOW + deadlineHours * HOUR,
});

const escalations = (log: PolicyDriver['log'], reason: string) =>
  log.filter((e): e is { referralId: string; command: Extract<Command, { type: 'escalateToOps' }> } => {
    return e.command.type === 'escalateToOps' && e.command.reason === reason;
  });

describe('surge triage', () => {
  it('a third critical referral for two busy advocates waits, then takes the slot the first decline frees', () => {
    for (const triage of [false, true]) {
      const roster = network(2);
      const referrals = new Map(['r1', 'r2', 'r3'].map((id) => [id, legalAid(id, 20)]));
      const driver = serviceLoop(roster, referrals, triage);
      for (const referral of referrals.values()) submit(driver, referral);
      // Two parallel offers for r1 hold both advocates: r2 and r3 find nobody free.
      const waitingOrEscalated = ['r2', 'r3'].map((id) => driver.states.get(id)!.roles[0]!.phase);
      if (!triage) {
        expect(waitingOrEscalated).toEqual(['unfilled', 'unfilled']); // the old behaviour: ops paged at once
        continue;
      }
      expect(waitingOrEscalated).toEqual(['waiting', 'waiting']);
      const [first, second] = driver.openOffers();
      driver.send('r1', { type: 'offerAccepted', offerId: first!.offerId }); // frees the other offer's slot
      // The freed advocate goes to r2 (same slack, submitted first), not r3.
      expect(driver.openOffers().map((o) => [o.referralId, o.professionalId])).toEqual([['r2', second!.professionalId]]);
      expect(driver.states.get('r3')!.roles[0]!.phase).toBe('waiting');
      expect(escalations(driver.log, 'no-candidates')).toEqual([]);
    }
  });

  it('a role whose last list is used up searches again while anyone free is left, and waits only when nobody is', () => {
    // Thirty free advocates, one busy (held by another referral); every offer is declined. Widening asks
    // 6 per step over three lists (18); the rest are found by searching again, not after a wait.
    const roster = network(31);
    const referrals = new Map([
      ['holder', legalAid('holder', 20)],
      ['r', legalAid('r', 20)],
    ]);
    const driver = serviceLoop(roster, referrals, true);
    submit(driver, referrals.get('holder')!);
    const [held, ...others] = driver.openOffers();
    driver.send('holder', { type: 'offerAccepted', offerId: held!.offerId }); // cancels the others: one advocate busy
    expect(others.every((o) => driver.states.get('holder')!.offers.find((x) => x.offerId === o.offerId)!.status === 'cancelled')).toBe(
      true,
    );
    submit(driver, referrals.get('r')!);
    for (let open = driver.openOffers(); open.length > 0; open = driver.openOffers()) {
      for (const offer of open.filter((o) => o.referralId === 'r')) driver.send('r', { type: 'offerDeclined', offerId: offer.offerId });
    }
    const state = driver.states.get('r')!;
    expect(state.offers).toHaveLength(30); // everyone free was asked
    expect(state.roles[0]!.phase).toBe('waiting'); // the busy one qualifies: now it waits for their slot
    expect(escalations(driver.log, 'no-candidates')).toEqual([]);
    // It went to wait once, at the end, not each time a list was used up (the service, and this driver,
    // do not tell a referral of the slots its own declines free).
    const waits = driver.log.filter(
      ({ referralId, command }) => referralId === 'r' && command.type === 'scheduleTimeout' && command.event.type === 'waitingRecheck',
    );
    expect(waits).toHaveLength(1);
  });

  it('a waiting role whose deadline nobody busy can still make goes to ops at the next recheck, not when its window closes', () => {
    const roster = network(1);
    const atLodwar = (id: string, deadlineMinutes: number): ReferralForMatching => ({
      ...legalAid(id, 0, 'urgent'),
      location: PLACES.lodwar,
      deadline: NOW + deadlineMinutes * 60_000,
    });
    // The tightest deadline the Nairobi advocate could make from now, found by asking the ranking itself.
    const reachable = (minutes: number) => rankRole(roster, atLodwar('probe', minutes), ADVOCATE, NOW, { ignoreCapacity: true }).length > 0;
    let tightest = 60;
    while (!reachable(tightest)) tightest += 10;
    const recheck = 60; // the urgent policy's offer timeout
    for (const [slackMinutes, escalates] of [
      [recheck / 2, true], // reachable now, no longer at the recheck
      [recheck * 3, false], // still reachable at the recheck: keeps waiting
    ] as const) {
      const referrals = new Map([
        ['holder', { ...legalAid('holder', 20, 'urgent'), referralId: 'holder' }],
        ['far', atLodwar('far', tightest + slackMinutes)],
      ]);
      const driver = serviceLoop(network(1), referrals, true); // a fresh roster: the driver counts its slots
      submit(driver, referrals.get('holder')!);
      driver.send('holder', { type: 'offerAccepted', offerId: driver.openOffers()[0]!.offerId }); // holds the only advocate
      submit(driver, referrals.get('far')!);
      expect(driver.states.get('far')!.roles[0]!.phase).toBe('waiting');
      // Up to the recheck: the waiting role's recheck, and the holder's offer expiry (stale: it was accepted).
      const recheckAt = NOW + recheck * 60_000;
      expect(driver.timers.filter((t) => t.at <= recheckAt).map((t) => t.event.type)).toEqual(['offerExpired', 'waitingRecheck']);
      while (driver.timers.some((t) => t.at <= recheckAt)) driver.fireNextTimer();
      expect(driver.now).toBe(recheckAt);
      expect(driver.states.get('far')!.roles[0]!.phase).toBe(escalates ? 'unfilled' : 'waiting');
      expect(escalations(driver.log, 'no-candidates').map((e) => e.referralId)).toEqual(escalates ? ['far'] : []);
    }
  });

  it('a role that waits again drops its older recheck, so timers never pile up', () => {
    const roster = network(1);
    const referrals = new Map([
      ['holder', legalAid('holder', 20, 'urgent')],
      ['r', legalAid('r', 20, 'urgent')],
    ]);
    const driver = serviceLoop(roster, referrals, true);
    submit(driver, referrals.get('holder')!);
    driver.send('holder', { type: 'offerAccepted', offerId: driver.openOffers()[0]!.offerId }); // holds the only advocate
    submit(driver, referrals.get('r')!);
    const rechecks = () => driver.timers.filter((t) => t.referralId === 'r' && t.event.type === 'waitingRecheck');
    const searches = () => driver.log.filter(({ referralId, command }) => referralId === 'r' && command.type === 'widenSearch').length;
    expect(rechecks()).toHaveLength(1);
    // Half an offer timeout later a slot elsewhere is offered to it: it searches, finds nobody free, waits again.
    driver.now += 30 * 60_000;
    driver.send('r', { type: 'capacityFreed' });
    expect(driver.states.get('r')!.roles[0]!.phase).toBe('waiting');
    expect(rechecks()).toHaveLength(2);
    // The first recheck is due: stale, it changes nothing (no search), and only the newer one is left.
    const searchesBefore = searches();
    driver.fireNextTimer(); // the holder's expiry timer (stale: accepted)
    driver.fireNextTimer();
    expect(searches()).toBe(searchesBefore);
    expect(rechecks()).toHaveLength(1);
    // The newer one searches again and, still waiting, sets the next.
    driver.fireNextTimer();
    expect(searches()).toBe(searchesBefore + 1);
    expect(rechecks()).toHaveLength(1);
  });

  it('runs one more pass, not a nested one, for a slot freed during a pass', () => {
    const log: string[] = [];
    let freeDuringPass = 2;
    const passes: TriagePasses = new TriagePasses(() => {
      log.push('start');
      if (freeDuringPass-- > 0) passes.slotFreed();
      log.push('end');
    });
    passes.slotFreed();
    expect(log).toEqual(['start', 'end', 'start', 'end', 'start', 'end']);
  });

  it('orders waiting referrals by slack, then urgency, then waiting time', () => {
    const state = (id: string, closesIn: number, urgency: ReferralState['urgency'], startedAt: number): ReferralState =>
      ({
        referralId: id,
        urgency,
        status: 'searching',
        startedAt,
        searchClosesAt: NOW + closesIn * HOUR,
        roles: [{ phase: 'waiting' }],
      }) as ReferralState;
    const notWaiting = { ...state('x', 0.5, 'critical', 0), roles: [{ phase: 'offering' }] } as ReferralState;
    const order = triageOrder([
      state('late', 6, 'critical', 1),
      state('soon-urgent', 2, 'urgent', 1),
      state('soon-critical', 2, 'critical', 2),
      notWaiting,
    ]);
    expect(order.map((s) => s.referralId)).toEqual(['soon-critical', 'soon-urgent', 'late']);
  });

  it('a freed slot is open to the waiting roles of a referral that has not asked its holder yet; a held slot counts as taken', () => {
    const offer = (professionalId: string, status: string) => ({ offerId: `o-${professionalId}`, professionalId, status });
    const waiting = {
      referralId: 'r',
      status: 'searching',
      roles: [
        { role: 'advocate', phase: 'waiting' },
        { role: 'clinician', phase: 'offering' },
      ],
      offers: [offer('asked', 'declined'), offer('holder', 'open')],
      unavailable: ['away'],
    } as unknown as ReferralState;
    expect(rolesOpenToFreedSlot(waiting, 'fresh')).toEqual(['advocate']);
    for (const id of ['asked', 'holder', 'away']) expect(rolesOpenToFreedSlot(waiting, id)).toEqual([]);
    expect(rolesOpenToFreedSlot({ ...waiting, roles: [{ role: 'advocate', phase: 'offering' }] } as ReferralState, 'fresh')).toEqual([]);
    expect([holdsSlotOf(waiting, 'holder'), holdsSlotOf(waiting, 'asked'), holdsSlotOf(waiting, 'fresh')]).toEqual([true, false, false]);
  });

  it('property: nobody who could still make the deadline goes to ops for want of candidates; no freed slot sits unused', () => {
    const scenario = fc.record({
      advocates: fc.integer({ min: 1, max: 4 }),
      referrals: fc.array(
        fc.record({
          at: fc.integer({ min: 0, max: 120 }), // minutes after the start
          deadlineHours: fc.integer({ min: 1, max: 30 }),
          urgency: fc.constantFrom('critical' as const, 'urgent' as const),
        }),
        { minLength: 1, maxLength: 12 },
      ),
      // What happens next, step by step: 0 fire the next timer, 1 accept, 2 decline, 3 complete some accepted work.
      actions: fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.nat()), { maxLength: 80 }),
    });
    fc.assert(
      fc.property(scenario, ({ advocates, referrals: planned, actions }) => {
        const roster = network(advocates);
        const referrals = new Map(planned.map((r, i) => [`r${i}`, legalAid(`r${i}`, r.at / 60 + r.deadlineHours, r.urgency)]));
        const driver = serviceLoop(roster, referrals, true);
        const due = planned.map((r, i) => ({ at: NOW + r.at * 60_000, id: `r${i}` })).sort((a, b) => a.at - b.at);
        const asked = (state: ReferralState) => [...new Set([...state.offers.map((o) => o.professionalId), ...state.unavailable])];
        let checked = 0;
        const check = () => {
          for (const { referralId, command } of escalations(driver.log.slice(checked), 'no-candidates')) {
            // Nobody not yet asked could reach the site before the deadline, even if they had a free slot.
            const state = driver.states.get(referralId)!;
            const anyone = rankRole(roster, referrals.get(referralId)!, ADVOCATE, driver.now, {
              exclude: asked(state),
              ignoreCapacity: true,
              ignoreTravelPreference: true,
            });
            expect({ referralId, roles: command.roles, anyone: anyone.map((c) => c.professionalId) }).toEqual({
              referralId,
              roles: command.roles,
              anyone: [],
            });
          }
          checked = driver.log.length;
          for (const state of driver.states.values()) {
            if (!state.roles.some((r) => r.phase === 'waiting')) continue;
            const free = rankRole(roster, referrals.get(state.referralId)!, ADVOCATE, driver.now, {
              exclude: asked(state),
              ignoreTravelPreference: true,
            });
            expect({ waiting: state.referralId, free: free.map((c) => c.professionalId) }).toEqual({ waiting: state.referralId, free: [] });
          }
        };
        for (const [kind, pick] of actions) {
          while (due.length > 0 && due[0]!.at <= driver.now) submit(driver, referrals.get(due.shift()!.id)!);
          if (kind === 0) {
            const nextTimer = Math.min(...driver.timers.map((t) => t.at));
            const nextReferral = due[0]?.at ?? Infinity;
            if (nextReferral <= nextTimer) {
              driver.now = Math.max(driver.now, nextReferral);
              continue;
            }
            if (!driver.fireNextTimer()) continue;
          } else if (kind === 3) {
            const accepted = driver.acceptedOffers();
            const done = accepted[pick % Math.max(1, accepted.length)];
            if (done) driver.send(done.referralId, { type: 'assignmentCompleted', offerId: done.offerId });
          } else {
            const open = driver.openOffers();
            const offer = open[pick % Math.max(1, open.length)];
            if (offer) driver.send(offer.referralId, { type: kind === 1 ? 'offerAccepted' : 'offerDeclined', offerId: offer.offerId });
          }
          check();
        }
      }),
      { numRuns: 200 },
    );
  });
});
