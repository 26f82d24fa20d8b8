// Haki: matching-core's ranking (rankTeam / rankRole) and its offer/escalation policy run through
// matching-core's runPolicy, the same steps the matching service runs (runPolicyAsync): decide(), the
// commands in the service's order, and what they feed back, in one run per input. Only the effects are
// the simulator's: offers reserve a place in its capacity ledger (full → capacityUnavailable, fed back by
// the run), SMS go out and may fail, timeouts are scheduled and fed back, widenSearch re-ranks with the
// exclusions and k of the widening step, releaseCapacity frees the place, confirm starts the trip, and
// escalateToOps hands the role to a coordinator who phones down the contact sheet (skipping those who
// said no and those already on the team). What differs from the service: that ops phone-down fallback,
// volunteer behaviour models (answers, response times, SMS failures, progress reports), and ranking with
// rankTeam on a snapshot refreshed every 6 h where the service reads the roster for each ranking.
//
// The ablation (`policyStrategy`) runs the same loop with the ranking swapped for a baseline ordering:
// the initial list and every widening step take the next k of a fixed sheet / nearest-by-road /
// local-first list, filtered only by what any dispatcher knows (role and valid credentials, not on
// leave now, a free slot, not already offered this referral). Same policy table, same ops fallback.
import type { AreaClass } from '@haki/geography';
import {
  compileRoster,
  isTerminal,
  prepareReferral,
  rankRole,
  runPolicy,
  rankTeam,
  holdsSlotOf,
  rolesOpenToFreedSlot,
  triageOrder,
  TriagePasses,
  whyNotEligible,
  type Command,
  type CompiledRoster,
  type CarriedOutCommand,
  type MatchingEvent,
  type OfferCommand,
  type OfferOutcome,
  type PolicyEffects,
  type PreparedReferral,
  type Professional,
  type ReferralState,
  type RoleNeed,
} from '@haki/matching-core';
import type { Role } from '@haki/vocabulary';
import { progressMinutes, responseMinutes, smsDelivery } from '../behaviour';
import type { Assignment, Sim, Strategy, StrategyName } from '../engine';
import type { SimReferral } from '../referrals';
import { fixedList, orderingLists, phoneDown, type Ordering } from './phone';

const MINUTE = 60_000;
/**
 * The ranking reads a compiled roster snapshot. Capacity (openCases) is copied from the live ledger
 * before every ranking; case history and offer statistics (the fairness, cooldown and acceptance
 * factors, 14-day and 72-hour windows) come from a snapshot rebuilt at most every 6 h when something changed.
 */
export const SNAPSHOT_REFRESH_MINUTES = 360;
const RECENT_DAYS = 14;

interface Live {
  referral: SimReferral;
  prepared: PreparedReferral;
  state: ReferralState | undefined;
  /** Role slots already settled with the engine (by the machine, or by ops after escalation). */
  settled: Set<number>;
  /** Accepted assignment per role index. */
  assignments: Map<number, Assignment>;
}

/** Where the offer policy's candidates come from: the initial list per role, and each widening step. */
interface CandidateSource {
  initial(referral: SimReferral, prepared: PreparedReferral): { need: RoleNeed; candidates: string[] }[];
  widen(referral: SimReferral, prepared: PreparedReferral, need: RoleNeed, c: Extract<Command, { type: 'widenSearch' }>): string[];
  /**
   * Surge triage: whether someone not yet asked would qualify and could start before the deadline, but
   * has no free slot (the role then waits for one instead of going to ops).
   */
  waitable(referral: SimReferral, prepared: PreparedReferral, need: RoleNeed, exclude: readonly string[]): boolean;
  /** Surge triage: whether this volunteer, whose slot was just freed, qualifies for the role (capacity aside). */
  couldTakeFreedSlot(referral: SimReferral, prepared: PreparedReferral, need: RoleNeed, v: number): boolean;
}

/** The list length the ranking returns by default (rankRole's k), used for a baseline's first list. */
export const INITIAL_K = 10;

/** Haki's ranking: rankTeam on a roster snapshot, rankRole to widen. */
function rankingSource(sim: Sim): CandidateSource {
  let snapshot: CompiledRoster | undefined;
  let snapshotAt = -Infinity;
  let snapshotVersion = -1;

  const roster = (): CompiledRoster => {
    if (!snapshot || (sim.assignmentsVersion !== snapshotVersion && sim.now - snapshotAt >= SNAPSHOT_REFRESH_MINUTES * MINUTE)) {
      const since = sim.now - RECENT_DAYS * 86_400_000;
      const pros: Professional[] = sim.volunteers.map((v, i) => ({
        ...v.professional,
        recentAssignments: (sim.history[i] ?? [])
          .filter((h) => h.at >= since)
          .map((h) => ({ at: new Date(h.at).toISOString(), serviceType: h.serviceType })),
        stats: { ...v.professional.stats, offers: sim.offers[i] as number, accepts: sim.accepts[i] as number },
      }));
      snapshot = compileRoster(pros);
      [snapshotAt, snapshotVersion] = [sim.now, sim.assignmentsVersion];
    }
    snapshot.setOpenCases(sim.load);
    return snapshot;
  };
  return {
    initial: (_referral, prepared) =>
      rankTeam(roster(), prepared, sim.now).roles.map((r) => ({ need: r.need, candidates: r.candidates.map((x) => x.professionalId) })),
    widen: (_referral, prepared, need, c) =>
      rankRole(roster(), prepared, need, sim.now, { exclude: c.exclude, k: c.k, ignoreTravelPreference: c.ignoreTravelPreference }).map(
        (x) => x.professionalId,
      ),
    waitable: (_referral, prepared, need, exclude) =>
      rankRole(roster(), prepared, need, sim.now, { exclude: [...exclude], k: 1, ignoreCapacity: true, ignoreTravelPreference: true })
        .length > 0,
    couldTakeFreedSlot: (_referral, prepared, need, v) =>
      whyNotEligible(roster(), prepared, need, sim.volunteers[v]!.professional.id, sim.now, {
        ignoreCapacity: true,
        ignoreTravelPreference: true,
      }) === null,
  };
}

/**
 * A baseline ordering as the policy's candidate source. Widening's `ignoreTravelPreference` has no
 * effect: the baseline lists never filtered on declared travel limits in the first place.
 */
function orderingSource(sim: Sim, ordering: Ordering): CandidateSource {
  const listFor = orderingLists(sim, ordering);
  const eligible = (referral: SimReferral, need: RoleNeed, exclude: readonly string[]) => {
    const skip = new Set(exclude);
    return listFor(referral, need).filter(
      (v) => !skip.has(sim.volunteers[v]!.professional.id) && sim.qualified(v, need, sim.now) && !sim.onLeave(v, sim.now),
    );
  };
  const free = (v: number) => (sim.load[v] as number) < (sim.capacity[v] as number);
  const canWaitFor = (v: number, referral: SimReferral, need: RoleNeed) =>
    (sim.capacity[v] as number) > 0 && sim.plannedStart(v, referral, need, sim.now) <= referral.deadlineAt;
  const take = (referral: SimReferral, need: RoleNeed, k: number, exclude: readonly string[]): string[] =>
    eligible(referral, need, exclude)
      .filter(free)
      .slice(0, k)
      .map((v) => sim.volunteers[v]!.professional.id);
  return {
    initial: (referral) => referral.roles.map((need) => ({ need, candidates: take(referral, need, INITIAL_K, []) })),
    widen: (referral, _prepared, need, c) => take(referral, need, c.k, c.exclude),
    // Busy but able to start before the deadline once a slot frees (the simulator's own estimate of their start).
    waitable: (referral, _prepared, need, exclude) => eligible(referral, need, exclude).some((v) => canWaitFor(v, referral, need)),
    couldTakeFreedSlot: (referral, _prepared, need, v) =>
      sim.qualified(v, need, sim.now) && !sim.onLeave(v, sim.now) && canWaitFor(v, referral, need),
  };
}

export const hakiStrategy = (sim: Sim): Strategy => offerPolicyStrategy(sim, 'haki', rankingSource(sim));
/** Haki's offer policy and ops fallback, with a baseline ordering instead of the ranking (the ablation). */
export const policyStrategy = (sim: Sim, name: StrategyName, ordering: Ordering): Strategy =>
  offerPolicyStrategy(sim, name, orderingSource(sim, ordering));

function offerPolicyStrategy(sim: Sim, name: StrategyName, source: CandidateSource): Strategy {
  const offerVolunteer = new Map<string, number>();
  const lists = new Map<Role, number[]>();
  const searching = new Map<string, Live>();

  // Surge triage, as the matching service runs it (SurgeTriage, ApplyReferralInput.capacityFreed): a freed
  // slot goes to the first waiting referral in triage order (least slack first) with a waiting role its
  // volunteer qualifies for and was not asked for; that referral searches again, and if it does not take
  // the slot, the next such referral is told. A slot freed during a policy run is offered once the run is
  // over, as the service tells waiting referrals after its write.
  const freed: number[] = [];
  let inRun = false;
  const triage = new TriagePasses(() => {
    while (freed.length > 0) offerFreedSlot(freed.shift() as number);
  });
  sim.onCapacityFreed = (v) => {
    freed.push(v);
    if (!inRun) triage.slotFreed();
  };
  const offerFreedSlot = (v: number): void => {
    const id = sim.volunteers[v]!.professional.id;
    for (const state of triageOrder([...searching.values()].map((live) => live.state!))) {
      const live = searching.get(state.referralId);
      if (!live) continue; // ended since the order was taken
      const roles = rolesOpenToFreedSlot(live.state!, id);
      const need = (role: Role) => live.referral.roles[roleIndexOf(live, role)] as RoleNeed;
      if (!roles.some((role) => source.couldTakeFreedSlot(live.referral, live.prepared, need(role), v))) continue;
      send(live, { type: 'capacityFreed' });
      if (holdsSlotOf(live.state!, id)) return;
    }
  };

  const roleIndexOf = (live: Live, role: Role) => live.referral.roles.findIndex((n) => n.role === role);

  const settle = (live: Live, roleIndex: number, a: Assignment | null) => {
    if (live.settled.has(roleIndex)) return;
    live.settled.add(roleIndex);
    sim.roleSettled(live.referral, roleIndex, a);
  };

  const send = (live: Live, event: MatchingEvent): void => {
    inRun = true;
    try {
      live.state = runPolicy(live.state, event, () => sim.now, effectsFor(live));
    } finally {
      inRun = false;
    }
    const state = live.state;
    if (isTerminal(state)) searching.delete(state.referralId);
    else searching.set(state.referralId, live);
    if (isTerminal(state)) {
      // Filled roles settle with their assignment; unfilled optional roles settle empty. Escalated
      // required roles were handed to ops by the escalateToOps command and settle when ops finish.
      live.state.roles.forEach((slot) => {
        const i = roleIndexOf(live, slot.role);
        if (slot.phase === 'active') settle(live, i, live.assignments.get(i) ?? null);
        else if (!slot.required) settle(live, i, null);
      });
    }
    if (freed.length > 0) triage.slotFreed();
  };

  const effectsFor = (live: Live): PolicyEffects => ({
    decided: (_before, after) => void (live.state = after),
    release: (c) => {
      sim.release(offerVolunteer.get(c.offerId) as number);
      for (const [i, a] of live.assignments) {
        if (a.volunteer !== offerVolunteer.get(c.offerId) || !a.active) continue;
        sim.cancel(a);
        live.assignments.delete(i);
      }
    },
    reserve: (offers) => offers.map((c) => reserve(live, c)),
    search: (c) => {
      const { referral, prepared } = live;
      const need = referral.roles[roleIndexOf(live, c.role)] as RoleNeed;
      return { candidates: source.widen(referral, prepared, need, c), waitable: source.waitable(referral, prepared, need, c.exclude) };
    },
    carryOut: (c) => carryOut(live, c),
  });

  /** Everyone offered is approached, whether or not they turn out to be full. */
  const reserve = (live: Live, c: OfferCommand): OfferOutcome => {
    const v = sim.physics.indexOf(c.professionalId);
    offerVolunteer.set(c.offerId, v);
    sim.approached(live.referral, v);
    return sim.tryReserve(v) ? 'reserved' : 'full';
  };

  const offer = (live: Live, c: OfferCommand): void => {
    const { referral } = live;
    const v = offerVolunteer.get(c.offerId) as number;
    const delivery = smsDelivery(sim.seed, referral.index, v, sim.homeClass[v] as AreaClass);
    if (!delivery.delivered) {
      // A silent failure just expires (the machine scheduled offerExpired).
      if (delivery.receiptAfterMinutes !== null)
        sim.schedule(sim.now + delivery.receiptAfterMinutes * MINUTE, () => send(live, { type: 'deliveryFailed', offerId: c.offerId }));
      return;
    }
    sim.offered(v);
    const loadShare = ((sim.load[v] as number) - 1) / (sim.capacity[v] as number);
    const answerAt =
      sim.now +
      responseMinutes(
        sim.seed,
        referral.index,
        v,
        sim.now,
        referral.urgency,
        sim.volunteers[v]!.responseMedianMinutes,
        sim.onSchedule(v, sim.now),
        loadShare,
      ) *
        MINUTE;
    if (answerAt >= c.expiresAt) return; // no answer in time: offerExpired fires
    const need = referral.roles[roleIndexOf(live, c.role)] as RoleNeed;
    sim.schedule(answerAt, () =>
      send(live, { type: sim.decides(referral, v, need, sim.now, true) ? 'offerAccepted' : 'offerDeclined', offerId: c.offerId }),
    );
  };

  const carryOut = (live: Live, c: CarriedOutCommand): void => {
    const { referral } = live;
    switch (c.type) {
      case 'offer':
        return offer(live, c);
      case 'scheduleTimeout':
        return sim.schedule(Math.max(sim.now, c.at), () => send(live, c.event));
      case 'confirm': {
        const i = roleIndexOf(live, c.role);
        const v = offerVolunteer.get(c.offerId) as number;
        live.assignments.set(i, sim.assign(referral, i, v, false));
        const policy = live.state!.policy;
        const reportAt =
          sim.now + progressMinutes(sim.seed, referral.index, v, policy.progressTimeoutMinutes, policy.reminderGraceMinutes) * MINUTE;
        return sim.schedule(reportAt, () => send(live, { type: 'progressReported', offerId: c.offerId }));
      }
      case 'escalateToOps': {
        for (const role of c.roles) {
          const i = roleIndexOf(live, role);
          sim.outcomes[referral.index]!.escalated ||= i === 0;
          let list = lists.get(role);
          if (!list) lists.set(role, (list = fixedList(sim, referral.roles[i] as RoleNeed)));
          phoneDown(sim, {
            referral,
            roleIndex: i,
            list,
            giveUpAt: referral.deadlineAt,
            maxCalls: Infinity,
            byOps: true,
            // Ops phone everyone who has not said no: an unanswered SMS is not a refusal, a call may reach them.
            skip: (v) => sim.declined(referral.index).has(v) || sim.outcomes[referral.index]!.team.includes(v),
            done: (a) => settle(live, i, a),
          });
        }
        return;
      }
      default: // cancelOffer (its releaseCapacity follows), remind (the report comes anyway): messages to people
    }
  };

  return {
    name,
    start(referral) {
      const prepared = prepareReferral({
        referralId: referral.id,
        serviceType: referral.serviceType,
        roles: referral.roles,
        location: referral.site,
        urgency: referral.urgency,
        deadline: referral.deadlineAt,
        language: 'sw',
        implicated: [],
      });
      const live: Live = { referral, prepared, state: undefined, settled: new Set(), assignments: new Map() };
      send(live, {
        type: 'referralSubmitted',
        referralId: referral.id,
        urgency: referral.urgency,
        deadline: referral.deadlineAt,
        roles: source.initial(referral, prepared).map((r) => ({
          role: r.need.role,
          required: r.need.required,
          candidates: r.candidates,
          waitable: source.waitable(referral, prepared, r.need, []),
        })),
      });
    },
  };
}
