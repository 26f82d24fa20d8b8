import type { Role, Urgency } from '@haki/vocabulary';
import type { Instant } from '../roster/nairobi-time';
import { DEFAULT_POLICY_TABLE, type OfferPolicy } from './policy-table';
import { MatchingCoreError } from '../matching-core-error';
import { deadlineMs, nowMs as validNowMs } from '../validation/instants';
import { assertValidEvent, policyRow } from './event-rules';

/**
 * The offer and escalation policy for one referral as a pure state machine:
 * decide(state, event, now) → { state, commands }. The caller (matching service, simulator, tests)
 * executes the commands and feeds back what happens, including the timeouts it was asked to schedule.
 *
 * Capacity contract: the caller reserves a slot when it executes `offer` (the matching service inserts a
 * numbered slot document `<professionalId>#<n>` against a unique _id; if no slot is free it sends
 * `capacityUnavailable`) and frees it on `releaseCapacity`. An offer holds capacity while it is open,
 * accepted or active; every other ending releases it exactly once.
 */

export type OfferStatus =
  | 'open'
  | 'accepted'
  | 'active'
  | 'completed'
  | 'declined'
  | 'expired'
  | 'undelivered'
  | 'unreserved'
  | 'unavailable'
  | 'cancelled'
  | 'released';
const HOLDS_CAPACITY: readonly OfferStatus[] = ['open', 'accepted', 'active'];
export const holdsCapacity = (status: OfferStatus): boolean => HOLDS_CAPACITY.includes(status);
/** Ended without the volunteer's "no" (no answer, the SMS lost, no free slot, withdrawn by Haki): ops' re-offer may ask them again. */
const LAPSED: readonly OfferStatus[] = ['expired', 'undelivered', 'unreserved', 'cancelled'];
export const lapsed = (status: OfferStatus): boolean => LAPSED.includes(status);

export interface OfferRecord {
  offerId: string;
  role: Role;
  professionalId: string;
  status: OfferStatus;
  sentAt: number;
  /** When the volunteer answered (accepted or declined): response-time history for ranking. */
  answeredAt?: number;
  /** Assigned by ops (agreed by phone): accepted as soon as capacity is reserved, never expires. */
  manual?: true;
}

/**
 * offering: offers out or about to go; widening: waiting for candidatesFound; waiting: everyone who
 * qualifies is busy, so the role waits for a slot to free (surge triage, see capacityFreed); accepted:
 * waiting for a progress report; active: at work; completed: the work is done; unfilled: left to ops.
 */
export type RolePhase = 'offering' | 'widening' | 'waiting' | 'accepted' | 'active' | 'completed' | 'unfilled';

export interface RoleSlot {
  role: Role;
  required: boolean;
  phase: RolePhase;
  /** Ranked candidates not yet offered, best first. */
  queue: string[];
  /** 0 = the initial ranked list; n = policy.wideningSteps[n - 1]. */
  step: number;
  /** Delivered offers in this step (failed deliveries do not use up a round). */
  offersInStep: number;
  reminded: boolean;
  /**
   * The last ranking found someone not yet asked who qualifies but has no free slot: when the list runs
   * dry the role waits for capacity instead of going to ops (the caller ranks with ignoreCapacity to know).
   */
  waitable?: true;
  /**
   * The role's current list (the initial one or a search's) named someone. Once all of them are asked, a
   * waitable role searches again at once (someone free may be beyond the list); only a search that finds
   * nobody free makes it wait.
   */
  listedSomeone?: true;
  /**
   * When the waiting role's recheck is due. A role that waits again (a freed slot went elsewhere) gets a new
   * timer; the older one, arriving later, names another time and is dropped, so timers never pile up.
   */
  recheckAt?: number;
  /** When ops last asked for this role to be offered again: offers that lapsed before then may be made again for it. */
  reofferedAt?: number;
}

/**
 * searching: some role is still being offered or waits for its first progress report; assigned: every
 * staffed role is at work; escalated: a required role is left to ops; completed: all work is done.
 */
export type ReferralStatus = 'searching' | 'assigned' | 'escalated' | 'completed' | 'withdrawn';

export interface ReferralState {
  referralId: string;
  urgency: Urgency;
  /** Frozen copy of the policy row at submission: later table edits do not touch cases in flight. */
  policy: OfferPolicy;
  status: ReferralStatus;
  startedAt: number;
  searchClosesAt: number;
  searchClosed: boolean;
  /** The case service recorded work started: a role accepted from now on is under way at once (no progress timer). */
  workStarted?: boolean;
  /** When work first started (a progress report, or the case service's word): set once, kept through reassignments. */
  firstWorkAt?: number;
  roles: RoleSlot[];
  offers: OfferRecord[];
  /** Went unavailable during this referral: skipped when their turn comes. */
  unavailable: string[];
  nextOfferSeq: number;
  /** When an ops re-offer last opened the search window again: an amendment's window counts from here. */
  searchReopenedAt?: number;
}

const listed = (candidates: readonly string[]) => (candidates.length > 0 ? { listedSomeone: true as const } : {});

/** Events the caller schedules via `scheduleTimeout` and sends back when due. */
export type TimeoutEvent =
  | { type: 'offerExpired'; offerId: string }
  | { type: 'progressOverdue'; offerId: string; reminded: boolean }
  /** `at`: the window's end it was set for, so a window opened again since drops it (timers set before it was carried have none). */
  | { type: 'searchTimeUp'; at?: number }
  /**
   * Surge triage: a waiting role searches again after an offer timeout with no slot freed, so a role whose
   * deadline nobody busy can still make goes to ops then, not only when its search window closes.
   */
  | { type: 'waitingRecheck'; role: Role; at?: number };

export type MatchingEvent =
  | {
      type: 'referralSubmitted';
      referralId: string;
      urgency: Urgency;
      /** Medico-legal deadline (epoch ms or ISO); the search closes no later than this. */
      deadline?: Instant;
      roles: { role: Role; required: boolean; candidates: string[]; waitable?: boolean }[];
    }
  | { type: 'candidatesFound'; role: Role; step: number; candidates: string[]; waitable?: boolean }
  /**
   * Surge triage: a slot somewhere was freed (a decline, an expiry, a release, a completion). A waiting
   * role searches again at its last step. The caller sends it to waiting referrals in triageOrder().
   */
  | { type: 'capacityFreed' }
  | { type: 'offerAccepted'; offerId: string }
  | { type: 'offerDeclined'; offerId: string }
  | { type: 'deliveryFailed'; offerId: string }
  | { type: 'capacityUnavailable'; offerId: string }
  | { type: 'professionalUnavailable'; professionalId: string }
  | { type: 'progressReported'; offerId: string }
  | { type: 'referralWithdrawn' }
  /**
   * Intake corrected the referral: its urgency, deadline or team changed, or its place, so every role
   * comes with a fresh ranking. Roles no longer listed (consent withdrawn) let their holders go.
   */
  | {
      type: 'referralAmended';
      urgency: Urgency;
      deadline?: Instant;
      roles: { role: Role; required: boolean; candidates: string[]; waitable?: boolean }[];
    }
  /** Ops give the role to someone who agreed by phone, in place of any open offers or earlier assignee. */
  | { type: 'assignedByOps'; role: Role; professionalId: string }
  /**
   * Ops ask for a role left to them to be offered again (the roster changed, or offers lapsed for want
   * of signal): a new search from the first widening step, which may ask again anyone whose offer lapsed
   * but never anyone who said no. A closed search window opens again for the policy's escalation time.
   */
  | { type: 'reofferedByOps'; role: Role }
  /** The work of an accepted or active assignment is done: its capacity is freed. */
  | { type: 'assignmentCompleted'; offerId: string }
  /** The case service recorded work starting (on site, examination begun): every accepted assignment is under way. */
  | { type: 'caseWorkStarted' }
  /** The case was closed with an outcome: its assignments are done and any search still running ends. */
  | { type: 'caseClosed' }
  | TimeoutEvent;

export type CancelReason = 'filled' | 'unavailable' | 'no-progress' | 'search-closed' | 'withdrawn' | 'reassigned';
export type EscalationReason = 'no-candidates' | 'search-time-up' | 'assignee-unavailable';

export type Command =
  /** Reserve capacity, then offer. A manual offer is then fed back as `offerAccepted` (ops agreed it by phone). */
  | { type: 'offer'; offerId: string; role: Role; professionalId: string; expiresAt: number; manual?: true }
  | { type: 'cancelOffer'; offerId: string; role: Role; professionalId: string; reason: CancelReason }
  | { type: 'releaseCapacity'; offerId: string; professionalId: string }
  | { type: 'scheduleTimeout'; at: number; event: TimeoutEvent }
  | { type: 'widenSearch'; role: Role; step: number; k: number; ignoreTravelPreference: boolean; exclude: string[] }
  | { type: 'confirm'; offerId: string; role: Role; professionalId: string }
  | { type: 'remind'; offerId: string; role: Role; professionalId: string }
  | { type: 'complete'; offerId: string; role: Role; professionalId: string }
  | { type: 'escalateToOps'; roles: Role[]; reason: EscalationReason };

export interface Decision {
  state: ReferralState;
  commands: Command[];
}

const MINUTE = 60_000;
/** List length for a waiting role's new search when the policy has no widening step to copy it from. */
const RESEARCH_K = 10;
export const isTerminal = (s: ReferralState): boolean => s.status !== 'searching';
/**
 * Whether ops may have a role offered again (reofferedByOps): it was left to them, and no ops
 * assignment of it is waiting for its reservation. Not once the referral is withdrawn or completed.
 */
export function isLeftToOps(s: ReferralState, role: Role): boolean {
  const slot = s.roles.find((r) => r.role === role);
  if (s.status === 'withdrawn' || s.status === 'completed' || slot?.phase !== 'unfilled') return false;
  return !s.offers.some((o) => o.role === role && o.status === 'open');
}
/** Inputs ops may still act on once the search has ended: assign, reassign, complete (not after withdrawal). */
const OPS_INPUTS: ReadonlySet<MatchingEvent['type']> = new Set([
  'assignedByOps',
  'reofferedByOps',
  'assignmentCompleted',
  'caseWorkStarted',
]);

class Step {
  readonly out: Command[] = [];
  constructor(
    readonly s: ReferralState,
    readonly now: number,
  ) {}

  slotOf(role: Role): RoleSlot | undefined {
    return this.s.roles.find((r) => r.role === role);
  }
  openOffers(slot: RoleSlot): OfferRecord[] {
    return this.s.offers.filter((o) => o.role === slot.role && o.status === 'open');
  }
  offerById(offerId: string): OfferRecord | undefined {
    return this.s.offers.find((o) => o.offerId === offerId);
  }
  /**
   * Nobody is offered twice for one referral, which also keeps one person out of two roles; but for a
   * role ops asked to offer again, an offer that lapsed before they asked may be made again.
   */
  askedAlready(slot: RoleSlot): Set<string> {
    const since = slot.reofferedAt;
    const askable = (o: OfferRecord) => since !== undefined && o.sentAt < since && lapsed(o.status);
    return new Set(this.s.offers.filter((o) => !askable(o)).map((o) => o.professionalId));
  }

  /** Ends an offer; releases its capacity when it held one. */
  end(offer: OfferRecord, status: OfferStatus, cancel?: CancelReason): void {
    if (cancel)
      this.out.push({
        type: 'cancelOffer',
        offerId: offer.offerId,
        role: offer.role,
        professionalId: offer.professionalId,
        reason: cancel,
      });
    if (holdsCapacity(offer.status) && status !== 'unreserved')
      this.out.push({ type: 'releaseCapacity', offerId: offer.offerId, professionalId: offer.professionalId });
    offer.status = status;
  }

  /** Keeps `parallelOffers` offers out for a role; widens or gives up when its list runs dry. */
  pump(slot: RoleSlot): void {
    if (slot.phase !== 'offering') return;
    if (this.s.searchClosed) return this.unfill([slot], 'search-time-up');
    const { parallelOffers, roundsPerStep, offerTimeoutMinutes, wideningSteps } = this.s.policy;
    const everOffered = this.askedAlready(slot);
    while (this.openOffers(slot).length < parallelOffers && slot.offersInStep < parallelOffers * roundsPerStep) {
      const next = slot.queue.shift();
      if (next === undefined) break;
      if (everOffered.has(next) || this.s.unavailable.includes(next)) continue;
      const offer: OfferRecord = {
        offerId: `${this.s.referralId}:${this.s.nextOfferSeq++}`,
        role: slot.role,
        professionalId: next,
        status: 'open',
        sentAt: this.now,
      };
      this.s.offers.push(offer);
      everOffered.add(next);
      slot.offersInStep++;
      // No offer outlives the search window: at its close the role goes to ops instead.
      const expiresAt = Math.min(this.now + offerTimeoutMinutes * MINUTE, this.s.searchClosesAt);
      this.out.push({ type: 'offer', offerId: offer.offerId, role: slot.role, professionalId: next, expiresAt });
      this.out.push({ type: 'scheduleTimeout', at: expiresAt, event: { type: 'offerExpired', offerId: offer.offerId } });
    }
    if (this.openOffers(slot).length > 0) return;
    const step = wideningSteps[slot.step];
    if (step) {
      slot.step++;
      return this.search(slot, step);
    }
    // Surge triage: someone who qualifies is busy. If the list just used up named people, others may be
    // free beyond it: search again now (everyone asked is left out, so this ends). Once a search finds
    // nobody free, wait for a slot while the window is open.
    if (slot.waitable && slot.listedSomeone) return this.searchAgain(slot);
    if (slot.waitable) {
      slot.phase = 'waiting';
      slot.queue = [];
      // Checked again after an offer timeout: the search then asks whether anyone busy can still make the deadline.
      const recheckAt = this.now + offerTimeoutMinutes * MINUTE;
      delete slot.recheckAt;
      if (recheckAt < this.s.searchClosesAt) {
        slot.recheckAt = recheckAt;
        this.out.push({ type: 'scheduleTimeout', at: recheckAt, event: { type: 'waitingRecheck', role: slot.role, at: recheckAt } });
      }
      return;
    }
    this.unfill([slot], 'no-candidates');
  }

  /** Asks the caller for a ranked list at the slot's step, leaving out everyone already asked. */
  search(slot: RoleSlot, step: { k: number; ignoreTravelPreference: boolean }): void {
    slot.phase = 'widening';
    slot.offersInStep = 0;
    slot.queue = [];
    // Those who went unavailable are left out too, or they could fill the widened list and be skipped again.
    const exclude = [...new Set([...this.askedAlready(slot), ...this.s.unavailable])];
    this.out.push({
      type: 'widenSearch',
      role: slot.role,
      step: slot.step,
      k: step.k,
      ignoreTravelPreference: step.ignoreTravelPreference,
      exclude,
    });
  }

  /** A waiting role searches again at its last step (a slot was freed somewhere). */
  searchAgain(slot: RoleSlot): void {
    const { wideningSteps } = this.s.policy;
    slot.step = Math.max(1, slot.step); // steps count from 1 in widenSearch and candidatesFound
    this.search(slot, wideningSteps[slot.step - 1] ?? { k: RESEARCH_K, ignoreTravelPreference: false });
  }

  unfill(slots: RoleSlot[], reason: EscalationReason): void {
    for (const slot of slots) {
      for (const o of this.openOffers(slot)) this.end(o, 'cancelled', 'search-closed');
      slot.phase = 'unfilled';
      slot.queue = [];
    }
    const roles = slots.filter((s) => s.required).map((s) => s.role);
    if (roles.length > 0) this.out.push({ type: 'escalateToOps', roles, reason });
  }

  /** The accepted professional is gone (no progress, unavailable): re-offer the role to the next in line. */
  reopen(slot: RoleSlot, offer: OfferRecord, reason: CancelReason): void {
    this.end(offer, 'released', reason);
    slot.phase = 'offering';
    slot.reminded = false;
    this.pump(slot);
  }

  /** The referral's status, derived from its roles after every input. */
  settle(): void {
    const { roles } = this.s;
    if (this.s.status === 'withdrawn') return;
    const wasSearching = this.s.status === 'searching';
    // An open offer counts too: an ops assignment is open until its reservation feeds back offerAccepted.
    const busy = roles.some((r) => r.phase === 'offering' || r.phase === 'widening' || r.phase === 'waiting' || r.phase === 'accepted');
    if (busy || this.s.offers.some((o) => o.status === 'open')) {
      this.s.status = 'searching';
      return;
    }
    const staffed = roles.filter((r) => r.phase === 'active' || r.phase === 'completed');
    if (staffed.length === 0) {
      // Nobody at all was found. With a required role ops were already paged by unfill(); a referral of
      // optional roles only would otherwise end "assigned" to nobody without anyone being told.
      if (wasSearching && !roles.some((r) => r.required)) {
        this.out.push({
          type: 'escalateToOps',
          roles: roles.map((r) => r.role),
          reason: this.s.searchClosed ? 'search-time-up' : 'no-candidates',
        });
      }
      this.s.status = 'escalated';
    } else if (roles.some((r) => r.required && r.phase === 'unfilled')) this.s.status = 'escalated';
    else this.s.status = staffed.every((r) => r.phase === 'completed') ? 'completed' : 'assigned';
  }

  /** Withdrawal: everyone still holding an offer or an assignment is cancelled and their capacity freed. */
  withdraw(): void {
    for (const offer of this.s.offers.filter((o) => holdsCapacity(o.status))) this.end(offer, 'cancelled', 'withdrawn');
    this.s.status = 'withdrawn';
  }

  /**
   * The case is closed: its volunteers' work is done (they are thanked, their capacity freed), open
   * offers are withdrawn. Completed if every required role was staffed; otherwise it ended unstaffed
   * (a survivor who could not be reached), which reads as withdrawn.
   */
  closeCase(): void {
    const staffed = this.s.roles
      .filter((r) => r.required)
      .every((r) => r.phase === 'accepted' || r.phase === 'active' || r.phase === 'completed');
    for (const offer of this.s.offers.filter((o) => o.status === 'accepted' || o.status === 'active')) {
      this.end(offer, 'completed');
      (this.slotOf(offer.role) as RoleSlot).phase = 'completed';
      this.out.push({ type: 'complete', offerId: offer.offerId, role: offer.role, professionalId: offer.professionalId });
    }
    for (const offer of this.s.offers.filter((o) => holdsCapacity(o.status))) this.end(offer, 'cancelled', 'withdrawn');
    this.s.status = staffed ? 'completed' : 'withdrawn';
  }
}

/** Slots, offers and answers are looked up by role name, so a second slot for the same role could never be filled. */
function assertDistinctRoles(roles: readonly { role: Role }[]): void {
  const duplicate = roles.find((r, i) => roles.findIndex((o) => o.role === r.role) !== i);
  if (duplicate) throw new MatchingCoreError('MATCHING.DUPLICATE_ROLE', `role ${duplicate.role} is listed more than once`);
}

function start(
  event: Extract<MatchingEvent, { type: 'referralSubmitted' }>,
  now: number,
  table: Readonly<Record<Urgency, OfferPolicy>>,
): Decision {
  if (event.roles.length === 0) throw new MatchingCoreError('MATCHING.NO_ROLES', 'a referral needs at least one role');
  assertDistinctRoles(event.roles);
  const policy = policyRow(table, event.urgency);
  // An unparseable deadline would make the search window NaN: it would never close, and its timer would be scheduled at null.
  const deadline = deadlineMs(event.deadline);
  const state: ReferralState = {
    referralId: event.referralId,
    urgency: event.urgency,
    policy,
    status: 'searching',
    startedAt: now,
    searchClosesAt: Math.min(now + policy.escalateAfterMinutes * MINUTE, deadline),
    searchClosed: false,
    roles: event.roles.map((r) => ({
      role: r.role,
      required: r.required,
      phase: 'offering',
      queue: [...r.candidates],
      step: 0,
      offersInStep: 0,
      reminded: false,
      ...(r.waitable ? { waitable: true as const } : {}),
      ...listed(r.candidates),
    })),
    offers: [],
    unavailable: [],
    nextOfferSeq: 1,
  };
  const step = new Step(state, now);
  step.out.push({ type: 'scheduleTimeout', at: state.searchClosesAt, event: { type: 'searchTimeUp', at: state.searchClosesAt } });
  if (state.searchClosesAt <= now) return timeUp(step);
  for (const slot of state.roles) step.pump(slot);
  step.settle();
  return { state, commands: step.out };
}

/**
 * Applies an amendment; true when the search window it leaves has already closed (the caller closes
 * it). The window only ever shortens: a later deadline does not reopen a closed search (ops have the
 * referral by then), and an earlier one gets its own searchTimeUp, which the old timer, coming later,
 * finds already done.
 */
function amend(
  step: Step,
  event: Extract<MatchingEvent, { type: 'referralAmended' }>,
  table: Readonly<Record<Urgency, OfferPolicy>>,
): boolean {
  const s = step.s;
  const deadline = deadlineMs(event.deadline);
  assertDistinctRoles(event.roles);
  s.urgency = event.urgency;
  s.policy = policyRow(table, event.urgency);
  const openedAt = s.searchReopenedAt ?? s.startedAt;
  const closesAt = Math.min(s.searchClosesAt, openedAt + s.policy.escalateAfterMinutes * MINUTE, deadline);
  if (closesAt < s.searchClosesAt) {
    s.searchClosesAt = closesAt;
    step.out.push({ type: 'scheduleTimeout', at: closesAt, event: { type: 'searchTimeUp', at: closesAt } });
  }
  const wanted = new Set(event.roles.map((need) => need.role));
  for (const offer of s.offers.filter((o) => !wanted.has(o.role) && holdsCapacity(o.status))) {
    step.end(offer, offer.status === 'open' ? 'cancelled' : 'released', 'withdrawn');
  }
  s.roles = s.roles.filter((slot) => wanted.has(slot.role));
  for (const need of event.roles) {
    const slot = step.slotOf(need.role);
    const waitable = need.waitable ? { waitable: true as const } : {};
    if (!slot) {
      const { role, required, candidates } = need;
      const fresh = { phase: 'offering' as const, queue: [...candidates], step: 0, offersInStep: 0, reminded: false };
      s.roles.push({ role, required, ...fresh, ...waitable, ...listed(candidates) });
      continue;
    }
    slot.required = need.required;
    // Whoever holds the role keeps it; a role still looking (or given up on while the search is open) starts on the new list.
    const looking = slot.phase === 'offering' || slot.phase === 'widening' || slot.phase === 'waiting';
    const givenUp = slot.phase === 'unfilled' && !s.searchClosed && step.openOffers(slot).length === 0;
    if (looking || givenUp) {
      delete slot.waitable;
      delete slot.listedSomeone;
      Object.assign(slot, {
        phase: 'offering',
        queue: [...need.candidates],
        step: 0,
        offersInStep: 0,
        ...waitable,
        ...listed(need.candidates),
      });
    }
  }
  if (step.now >= s.searchClosesAt) return true;
  for (const slot of s.roles) step.pump(slot);
  return false;
}

function timeUp(step: Step): Decision {
  step.s.searchClosed = true;
  step.unfill(
    step.s.roles.filter((r) => r.phase === 'offering' || r.phase === 'widening' || r.phase === 'waiting'),
    'search-time-up',
  );
  step.settle();
  return { state: step.s, commands: step.out };
}

/**
 * (state, event, now) → (state, commands). Pure: the input state is not modified. Stale and duplicate
 * events (a timeout for an offer that was already answered, a second acceptance) change nothing.
 * Malformed inputs throw before anything is decided: MATCHING.INVALID_NOW, MATCHING.INVALID_EVENT (naming
 * the field), MATCHING.INVALID_DEADLINE, MATCHING.INVALID_POLICY (the table row a submission or amendment uses).
 */
export function decide(
  state: ReferralState | undefined,
  event: MatchingEvent,
  now: Instant,
  table: Readonly<Record<Urgency, OfferPolicy>> = DEFAULT_POLICY_TABLE,
): Decision {
  const nowMs = validNowMs(now);
  assertValidEvent(event);
  if (event.type === 'referralSubmitted') return state ? { state, commands: [] } : start(event, nowMs, table);
  if (!state) throw new MatchingCoreError('MATCHING.UNKNOWN_REFERRAL', `${event.type} before referralSubmitted`);
  // Before the terminal check: an assigned (or escalated) referral still holds its professionals' capacity.
  if (event.type === 'referralWithdrawn' && (!isTerminal(state) || state.offers.some((o) => holdsCapacity(o.status)))) {
    const step = new Step(structuredClone(state), nowMs);
    step.withdraw();
    return { state: step.s, commands: step.out };
  }
  // Before the terminal check too: a closed case frees whatever its referral still holds, searching or not.
  if (event.type === 'caseClosed') {
    if (state.status === 'withdrawn' || (state.status === 'completed' && !state.offers.some((o) => holdsCapacity(o.status)))) {
      return { state, commands: [] };
    }
    const step = new Step(structuredClone(state), nowMs);
    step.closeCase();
    return { state: step.s, commands: step.out };
  }
  // An amendment may reopen an escalated referral (a new role, new candidates), never a withdrawn or completed one.
  const amendable = event.type === 'referralAmended' && state.status !== 'withdrawn' && state.status !== 'completed';
  if (isTerminal(state) && !amendable && !(OPS_INPUTS.has(event.type) && state.status !== 'withdrawn')) return { state, commands: [] };
  if (!state.searchClosed && nowMs >= state.searchClosesAt) {
    // The window has closed but its searchTimeUp timer has not been processed yet: close it first, so
    // that this event cannot send (or confirm) offers after the deadline.
    const closed = timeUp(new Step(structuredClone(state), nowMs));
    const next = decide(closed.state, event, nowMs, table);
    return { state: next.state, commands: [...closed.commands, ...next.commands] };
  }
  const step = new Step(structuredClone(state), nowMs);
  const s = step.s;
  const unchanged = { state, commands: [] };

  switch (event.type) {
    case 'candidatesFound': {
      const slot = step.slotOf(event.role);
      if (!slot || slot.phase !== 'widening' || slot.step !== event.step) return unchanged;
      slot.queue = [...event.candidates];
      slot.phase = 'offering';
      if (event.waitable) slot.waitable = true;
      else delete slot.waitable;
      if (event.candidates.length > 0) slot.listedSomeone = true;
      else delete slot.listedSomeone;
      step.pump(slot);
      break;
    }
    case 'offerAccepted': {
      const offer = step.offerById(event.offerId);
      const slot = offer && step.slotOf(offer.role);
      if (!offer || !slot || offer.status !== 'open') return unchanged; // late: the role was filled or the offer ended
      // Joining a case already under way (an advocate after the autopsy began): nobody waits for their progress report.
      offer.status = s.workStarted ? 'active' : 'accepted';
      offer.answeredAt = nowMs;
      slot.phase = offer.status;
      // First acceptance wins: the role's other open offers are withdrawn.
      for (const other of step.openOffers(slot)) step.end(other, 'cancelled', 'filled');
      step.out.push({ type: 'confirm', offerId: offer.offerId, role: offer.role, professionalId: offer.professionalId });
      if (s.workStarted) break;
      step.out.push({
        type: 'scheduleTimeout',
        at: nowMs + s.policy.progressTimeoutMinutes * MINUTE,
        event: { type: 'progressOverdue', offerId: offer.offerId, reminded: false },
      });
      break;
    }
    case 'offerDeclined':
    case 'offerExpired':
    case 'deliveryFailed':
    case 'capacityUnavailable': {
      const offer = step.offerById(event.offerId);
      const slot = offer && step.slotOf(offer.role);
      if (!offer || !slot || offer.status !== 'open') return unchanged;
      const status = (
        { offerDeclined: 'declined', offerExpired: 'expired', deliveryFailed: 'undelivered', capacityUnavailable: 'unreserved' } as const
      )[event.type];
      if (status === 'declined') offer.answeredAt = nowMs;
      step.end(offer, status);
      // An ops assignment that found the person full leaves the role to ops again, with a page.
      if (offer.manual) {
        slot.phase = 'unfilled';
        if (slot.required) step.out.push({ type: 'escalateToOps', roles: [slot.role], reason: 'assignee-unavailable' });
        break;
      }
      // An SMS that never arrived (or a full calendar) is not the volunteer's "no": it does not use up a round.
      if (status === 'undelivered' || status === 'unreserved') slot.offersInStep--;
      step.pump(slot);
      break;
    }
    case 'professionalUnavailable': {
      if (!s.unavailable.includes(event.professionalId)) s.unavailable.push(event.professionalId);
      for (const offer of s.offers.filter((o) => o.professionalId === event.professionalId)) {
        const slot = step.slotOf(offer.role) as RoleSlot;
        if (offer.status === 'open') {
          step.end(offer, 'unavailable', 'unavailable');
          step.pump(slot);
        } else if (offer.status === 'accepted') step.reopen(slot, offer, 'unavailable');
      }
      break;
    }
    case 'progressReported': {
      const offer = step.offerById(event.offerId);
      if (!offer || offer.status !== 'accepted') return unchanged;
      offer.status = 'active';
      (step.slotOf(offer.role) as RoleSlot).phase = 'active';
      s.firstWorkAt ??= step.now;
      break;
    }
    case 'caseWorkStarted': {
      if (s.workStarted) return unchanged;
      s.workStarted = true;
      s.firstWorkAt ??= step.now;
      for (const offer of s.offers.filter((o) => o.status === 'accepted')) {
        offer.status = 'active';
        (step.slotOf(offer.role) as RoleSlot).phase = 'active';
      }
      break;
    }
    case 'progressOverdue': {
      const offer = step.offerById(event.offerId);
      const slot = offer && step.slotOf(offer.role);
      if (!offer || !slot || offer.status !== 'accepted' || slot.reminded !== event.reminded) return unchanged;
      if (!event.reminded) {
        slot.reminded = true;
        step.out.push({ type: 'remind', offerId: offer.offerId, role: offer.role, professionalId: offer.professionalId });
        step.out.push({
          type: 'scheduleTimeout',
          at: nowMs + s.policy.reminderGraceMinutes * MINUTE,
          event: { type: 'progressOverdue', offerId: offer.offerId, reminded: true },
        });
      } else step.reopen(slot, offer, 'no-progress');
      break;
    }
    case 'assignedByOps': {
      const slot = step.slotOf(event.role);
      if (!slot) return unchanged;
      const own = s.offers.find((o) => o.professionalId === event.professionalId && holdsCapacity(o.status));
      if (own && own.role !== event.role) return unchanged; // one person, one role (the HTTP layer says so)
      if (own?.status === 'accepted' || own?.status === 'active') return unchanged; // already theirs
      if (own) return decide(state, { type: 'offerAccepted', offerId: own.offerId }, nowMs, table); // ops took their yes by phone
      for (const other of s.offers.filter((o) => o.role === slot.role && holdsCapacity(o.status))) {
        step.end(other, other.status === 'open' ? 'cancelled' : 'released', other.status === 'open' ? 'filled' : 'reassigned');
      }
      s.unavailable = s.unavailable.filter((id) => id !== event.professionalId);
      slot.phase = 'unfilled'; // until the reservation feeds back offerAccepted (or capacityUnavailable)
      slot.queue = [];
      slot.reminded = false;
      const offer: OfferRecord = {
        offerId: `${s.referralId}:${s.nextOfferSeq++}`,
        role: slot.role,
        professionalId: event.professionalId,
        status: 'open',
        sentAt: nowMs,
        manual: true,
      };
      s.offers.push(offer);
      const expiresAt = nowMs + s.policy.offerTimeoutMinutes * MINUTE; // shown only: a manual offer is accepted at once
      step.out.push({
        type: 'offer',
        offerId: offer.offerId,
        role: slot.role,
        professionalId: event.professionalId,
        expiresAt,
        manual: true,
      });
      break;
    }
    case 'reofferedByOps': {
      if (!isLeftToOps(s, event.role)) return unchanged;
      const slot = step.slotOf(event.role) as RoleSlot;
      slot.reofferedAt = nowMs;
      if (s.searchClosed) {
        // Ops decided the case is still worth staffing: the ranking still asks only those who can make its deadline.
        s.searchClosed = false;
        s.searchReopenedAt = nowMs;
        s.searchClosesAt = nowMs + s.policy.escalateAfterMinutes * MINUTE;
        step.out.push({ type: 'scheduleTimeout', at: s.searchClosesAt, event: { type: 'searchTimeUp', at: s.searchClosesAt } });
      }
      delete slot.waitable;
      delete slot.listedSomeone;
      Object.assign(slot, { queue: [], step: 1, reminded: false });
      step.search(slot, s.policy.wideningSteps[0] ?? { k: RESEARCH_K, ignoreTravelPreference: false });
      break;
    }
    case 'assignmentCompleted': {
      const offer = step.offerById(event.offerId);
      if (!offer || (offer.status !== 'accepted' && offer.status !== 'active')) return unchanged;
      step.end(offer, 'completed');
      (step.slotOf(offer.role) as RoleSlot).phase = 'completed';
      step.out.push({ type: 'complete', offerId: offer.offerId, role: offer.role, professionalId: offer.professionalId });
      break;
    }
    case 'capacityFreed': {
      const waiting = s.roles.filter((r) => r.phase === 'waiting');
      if (waiting.length === 0) return unchanged;
      for (const slot of waiting) step.searchAgain(slot);
      break;
    }
    case 'waitingRecheck': {
      const slot = step.slotOf(event.role);
      if (slot?.phase !== 'waiting') return unchanged; // a slot came meanwhile, or the role ended
      // The role waited again since (its own recheck is later). Timers set before `at` was carried have none.
      if (event.at !== undefined && event.at !== slot.recheckAt) return unchanged;
      step.searchAgain(slot);
      break;
    }
    case 'referralAmended':
      if (amend(step, event, table)) return timeUp(step);
      break;
    case 'searchTimeUp':
      // A timer for an earlier window (an ops re-offer opened it again since) changes nothing.
      if (s.searchClosed || (event.at !== undefined && event.at !== s.searchClosesAt)) return unchanged;
      return timeUp(step);
    case 'referralWithdrawn':
      return unchanged; // handled above
  }
  step.settle();
  return { state: s, commands: step.out };
}
