// Discrete-event engine: a priority queue of timed events (time, then insertion order), the volunteers'
// live state (capacity ledger, case history, offer statistics), the coordinators' desk, and the
// bookkeeping every strategy shares (who was approached for a referral, assignments, outcomes).
// Strategies only decide whom to approach and how; the engine owns time and capacity.
import { areaClassOf, type AreaClass } from '@haki/geography';
import { compileRoster, nairobiDayNumber, type CompiledRoster, type RoleNeed } from '@haki/matching-core';
import { acceptProbability, accepts, actualTripMinutes, BEHAVIOUR, departureMinutes, localHour, type AnswerContext } from './behaviour';
import type { CountyClass } from './county-class';
import { onSiteAt } from './metrics';
import type { SimReferral } from './referrals';
import type { Volunteer } from './roster';
import { SiteTrips, type Trip } from './travel';

/**
 * Default strategies, in report order: three contact lists a coordinator phones down (fixed sheet,
 * nearest by road, same county first), the same three orderings driven by Haki's offer policy
 * (`decide`: parallel offers, timeouts, widening, escalation to ops), and Haki (its ranking + policy).
 * `nearest-sms` (a one-at-a-time SMS dispatcher, the v1 "nearest available") runs only when asked for.
 */
export const STRATEGIES = [
  'fixed-list',
  'nearest-phone',
  'local-phone',
  'fixed-list-policy',
  'nearest-policy',
  'local-policy',
  'haki',
] as const;
export const ALL_STRATEGIES = [...STRATEGIES, 'nearest-sms'] as const;
export type StrategyName = (typeof ALL_STRATEGIES)[number];
/** The baselines (everything but Haki). */
export const BASELINES: readonly StrategyName[] = STRATEGIES.filter((s) => s !== 'haki');

const MINUTE = 60_000;
const DAY = 86_400_000;

interface QueuedEvent {
  at: number;
  seq: number;
  run: () => void;
}

/** Binary min-heap on (at, seq): equal times run in the order they were scheduled (deterministic). */
export class EventQueue {
  private readonly heap: QueuedEvent[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(at: number, run: () => void): void {
    const h = this.heap;
    h.push({ at, seq: this.seq++, run });
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(h[i] as QueuedEvent, h[parent] as QueuedEvent)) break;
      [h[i], h[parent]] = [h[parent] as QueuedEvent, h[i] as QueuedEvent];
      i = parent;
    }
  }

  pop(): QueuedEvent | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l] as QueuedEvent, h[m] as QueuedEvent)) m = l;
        if (r < h.length && this.less(h[r] as QueuedEvent, h[m] as QueuedEvent)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m] as QueuedEvent, h[i] as QueuedEvent];
        i = m;
      }
    }
    return top;
  }

  private less(a: QueuedEvent, b: QueuedEvent): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }
}

/** One filled role of one referral. */
export interface Assignment {
  volunteer: number;
  acceptAt: number;
  /** Service starts: on arrival, or by phone where the role allows a remote start. */
  startAt: number;
  arrivalAt: number;
  /** When a remote-capable volunteer could start by phone (whether or not the role accepts it); null if not remote-capable. */
  remoteStartAt: number | null;
  completeAt: number;
  /** Found by the ops coordinator after Haki escalated. */
  byOps: boolean;
  /** False once the slot was given back early (the offer machine re-opened the role). */
  active: boolean;
}

export interface ReferralOutcome {
  index: number;
  county: number;
  countyClass: CountyClass;
  serviceType: SimReferral['serviceType'];
  urgency: SimReferral['urgency'];
  submittedAt: number;
  deadlineAt: number;
  /** The required role accepts a phone/remote start (matching-core's roleNeedsFor: not postmortem, on-site clinicians, detention). */
  remoteStartAllowed: boolean;
  /** Required (first) role filled. */
  matched: boolean;
  volunteer: number | null;
  acceptAt: number | null;
  startAt: number | null;
  arrivalAt: number | null;
  remoteStartAt: number | null;
  /** Someone started before the deadline (metrics.onSiteAt ≤ deadlineAt); false when unmatched. */
  deadlineMet: boolean;
  /** Haki paged ops for the required role. */
  escalated: boolean;
  byOps: boolean;
  optionalRoles: number;
  optionalFilled: number;
  /** Offers sent and calls made for this referral, all roles. */
  approaches: number;
  /** Volunteers who took one of its roles. */
  team: number[];
  /** All roles settled (matched or given up). */
  done: boolean;
}

export interface Strategy {
  readonly name: StrategyName;
  start(referral: SimReferral): void;
}

export interface RunResult {
  strategy: StrategyName;
  seed: number;
  outcomes: ReferralOutcome[];
  /** Cases (any role) accepted per volunteer. */
  casesPerVolunteer: number[];
  /** Highest number of capacity slots held at once, per volunteer. */
  peakLoad: number[];
  capacity: number[];
  events: number;
}

/** Coordinators' desk: phone time is a shared resource. Calls queue for the first free coordinator. */
export class CoordinatorDesk {
  private readonly freeAt: number[];
  constructor(
    coordinators: number,
    private readonly fromHour = 7,
    private readonly toHour = 22,
  ) {
    this.freeAt = new Array<number>(coordinators).fill(0);
  }

  /** Minutes until the first coordinator is free (0 when someone is free now). */
  backlogMinutes(now: number): number {
    return Math.max(0, (Math.min(...this.freeAt) - now) / MINUTE);
  }

  /**
   * Books a call of `minutesAt(start)` minutes at or after `now` and returns its start. Non-critical
   * calls are only made in desk hours (07:00–22:00 Nairobi); critical ones go to the on-call phone at night.
   */
  book(now: number, critical: boolean, minutesAt: (start: number) => number): number {
    let c = 0;
    for (let i = 1; i < this.freeAt.length; i++) if ((this.freeAt[i] as number) < (this.freeAt[c] as number)) c = i;
    let start = Math.max(now, this.freeAt[c] as number);
    const h = localHour(start);
    if (!critical && (h < this.fromHour || h >= this.toHour)) {
      const local = start + 3 * 3_600_000;
      const dayStart = local - (local % DAY) - 3 * 3_600_000;
      start = dayStart + this.fromHour * 3_600_000 + (h >= this.toHour ? DAY : 0);
    }
    this.freeAt[c] = start + minutesAt(start) * MINUTE;
    return start;
  }
}

export interface SimOptions {
  seed: number;
  volunteers: readonly Volunteer[];
  referrals: readonly SimReferral[];
  /** Coordinators on the phone (fixed-list strategy, and ops after a Haki escalation). */
  coordinators?: number;
  /** Road trips from homes to these referrals' sites (shared between runs of a seed); built when absent. */
  trips?: SiteTrips;
  /** Called after each referral settles, with the number settled so far. */
  onSettled?: (settled: number) => void;
}

export const DEFAULT_COORDINATORS = 2;

export class Sim {
  readonly seed: number;
  readonly volunteers: readonly Volunteer[];
  readonly referrals: readonly SimReferral[];
  /** Static roster used for physics only (schedules, leave, area classes); never for ranking. */
  readonly physics: CompiledRoster;
  readonly homeClass: AreaClass[];
  readonly load: Int32Array;
  readonly capacity: Int32Array;
  readonly peakLoad: Int32Array;
  readonly cases: Int32Array;
  /** Offer statistics as the network would record them (the ranking's acceptance factor reads these). */
  readonly offers: Int32Array;
  readonly accepts: Int32Array;
  readonly history: { at: number; serviceType: string }[][];
  readonly outcomes: ReferralOutcome[];
  readonly desk: CoordinatorDesk;
  /** Version counter bumped on every assignment (strategies use it to refresh snapshots). */
  assignmentsVersion = 0;
  now = 0;
  private readonly queue = new EventQueue();
  private readonly involvedSets: Set<number>[];
  private readonly declinedSets: Set<number>[];
  private readonly trips: SiteTrips;
  private readonly rolesPending: number[];
  private settled = 0;
  private events = 0;

  constructor(private readonly options: SimOptions) {
    this.seed = options.seed;
    this.volunteers = options.volunteers;
    this.referrals = options.referrals;
    this.physics = compileRoster(options.volunteers.map((v) => v.professional));
    this.homeClass = options.volunteers.map((v) => areaClassOf(v.professional.homeBase));
    const n = options.volunteers.length;
    this.load = new Int32Array(n);
    this.capacity = Int32Array.from(options.volunteers, (v) => v.professional.capacity);
    this.peakLoad = new Int32Array(n);
    this.cases = new Int32Array(n);
    this.offers = Int32Array.from(options.volunteers, (v) => v.professional.stats.offers);
    this.accepts = Int32Array.from(options.volunteers, (v) => v.professional.stats.accepts);
    this.history = options.volunteers.map(() => []);
    this.involvedSets = options.referrals.map(() => new Set<number>());
    this.declinedSets = options.referrals.map(() => new Set<number>());
    this.trips = options.trips ?? new SiteTrips(options.referrals.map((r) => r.site));
    this.rolesPending = options.referrals.map((r) => r.roles.length);
    this.desk = new CoordinatorDesk(options.coordinators ?? DEFAULT_COORDINATORS);
    this.outcomes = options.referrals.map((r) => ({
      index: r.index,
      county: r.county,
      countyClass: r.countyClass,
      serviceType: r.serviceType,
      urgency: r.urgency,
      submittedAt: r.submittedAt,
      deadlineAt: r.deadlineAt,
      remoteStartAllowed: (r.roles[0] as RoleNeed).remoteStartAllowed,
      matched: false,
      volunteer: null,
      acceptAt: null,
      startAt: null,
      arrivalAt: null,
      remoteStartAt: null,
      deadlineMet: false,
      escalated: false,
      byOps: false,
      optionalRoles: r.roles.length - 1,
      optionalFilled: 0,
      approaches: 0,
      team: [],
      done: false,
    }));
  }

  schedule(at: number, run: () => void): void {
    if (!(at >= this.now)) throw new Error(`SIMULATOR.PAST_EVENT: ${at} < ${this.now}`);
    this.queue.push(at, run);
  }

  run(strategy: Strategy): RunResult {
    for (const r of this.referrals) this.schedule(r.submittedAt, () => strategy.start(r));
    for (let e = this.queue.pop(); e; e = this.queue.pop()) {
      this.now = e.at;
      this.events++;
      e.run();
    }
    const lost = this.outcomes.filter((o) => !o.done);
    if (lost.length > 0) throw new Error(`SIMULATOR.LOST_REFERRALS: ${strategy.name} left ${lost.length} unsettled`);
    return {
      strategy: strategy.name,
      seed: this.seed,
      outcomes: this.outcomes,
      casesPerVolunteer: Array.from(this.cases),
      peakLoad: Array.from(this.peakLoad),
      capacity: Array.from(this.capacity),
      events: this.events,
    };
  }

  // ---- capacity ledger (the in-memory twin of the service's conditional update) ----

  tryReserve(v: number): boolean {
    if ((this.load[v] as number) >= (this.capacity[v] as number)) return false;
    this.load[v] = (this.load[v] as number) + 1;
    if ((this.load[v] as number) > (this.peakLoad[v] as number)) this.peakLoad[v] = this.load[v] as number;
    return true;
  }

  release(v: number): void {
    if ((this.load[v] as number) <= 0) throw new Error(`SIMULATOR.RELEASE_WITHOUT_RESERVATION: ${v}`);
    this.load[v] = (this.load[v] as number) - 1;
    this.onCapacityFreed?.(v);
  }

  /** Called after every release: the offer-policy strategies offer the freed slot to a waiting referral (surge triage). */
  onCapacityFreed?: (v: number) => void;

  // ---- per-referral bookkeeping ----

  /** Volunteers already approached for this referral (never approached twice, never in two roles). */
  involved(referral: number): Set<number> {
    return this.involvedSets[referral] as Set<number>;
  }

  /** Volunteers who said no to this referral (by SMS or on the phone). */
  declined(referral: number): Set<number> {
    return this.declinedSets[referral] as Set<number>;
  }

  approached(referral: SimReferral, v: number): void {
    this.involved(referral.index).add(v);
    (this.outcomes[referral.index] as ReferralOutcome).approaches++;
  }

  /** By road (matching-core's RoadNetwork): the world's travel times, whatever the ranking estimates. */
  trip(v: number, referral: SimReferral): Trip {
    return this.trips.trip((this.volunteers[v] as Volunteer).professional.homeBase, referral.index);
  }

  beyondPreference(v: number, referral: SimReferral): boolean {
    const p = (this.volunteers[v] as Volunteer).professional;
    return !p.servesCounties.includes(referral.county) && this.trip(v, referral).roadKm > p.maxTravelKm;
  }

  scheduleWaitMinutes(v: number, at: number): number {
    return this.physics.minutesUntilAvailable(v, at);
  }

  onSchedule(v: number, at: number): boolean {
    return this.physics.minutesUntilAvailable(v, at) === 0;
  }

  onLeave(v: number, at: number): boolean {
    return this.physics.isOnLeave(v, at);
  }

  /** Holds the role and each required credential, valid on the Nairobi calendar day of `at`. */
  qualified(v: number, need: RoleNeed, at: number): boolean {
    const p = (this.volunteers[v] as Volunteer).professional;
    if (!p.roles.includes(need.role)) return false;
    const today = nairobiDayNumber(at);
    return need.credentials.every((kind) =>
      p.credentials.some((c) => c.kind === kind && Date.parse(`${c.expiresOn}T00:00:00Z`) / DAY >= today),
    );
  }

  recentCases(v: number, at: number): number {
    const since = at - BEHAVIOUR.recentWindowDays * DAY;
    let n = 0;
    for (const h of this.history[v] as { at: number }[]) if (h.at >= since) n++;
    return n;
  }

  remoteStart(v: number, need: RoleNeed): boolean {
    return need.remoteStartAllowed && (this.volunteers[v] as Volunteer).professional.remoteCapable;
  }

  /** Start time if volunteer v accepted at `at` (model trip, no noise: what they would tell the caller). */
  plannedStart(v: number, referral: SimReferral, need: RoleNeed, at: number): number {
    if (this.remoteStart(v, need)) return at + BEHAVIOUR.remoteStartMinutes * MINUTE;
    return at + (departureMinutes(at, this.scheduleWaitMinutes(v, at), referral.urgency) + this.trip(v, referral).minutes) * MINUTE;
  }

  /** What volunteer v weighs when answering at `at`; `holdsSlot` when the offer already reserved one. */
  answerContext(v: number, referral: SimReferral, need: RoleNeed, at: number, holdsSlot: boolean): AnswerContext {
    const vol = this.volunteers[v] as Volunteer;
    return {
      role: need.role,
      at,
      onSchedule: this.onSchedule(v, at),
      onLeave: this.onLeave(v, at),
      load: (this.load[v] as number) - (holdsSlot ? 1 : 0),
      capacity: this.capacity[v] as number,
      recentCases: this.recentCases(v, at),
      tripMinutes: this.trip(v, referral).minutes,
      beyondPreference: this.beyondPreference(v, referral),
      startAt: this.plannedStart(v, referral, need, at),
      deadlineAt: referral.deadlineAt,
      propensity: vol.propensity,
    };
  }

  acceptProbability(v: number, referral: SimReferral, need: RoleNeed, at: number, holdsSlot: boolean): number {
    return acceptProbability(this.answerContext(v, referral, need, at, holdsSlot));
  }

  /** Does volunteer v say yes (keyed draw: the same offer gets the same answer under every strategy)? */
  decides(referral: SimReferral, v: number, need: RoleNeed, at: number, holdsSlot: boolean): boolean {
    const yes = accepts(this.seed, referral.index, v, this.answerContext(v, referral, need, at, holdsSlot));
    if (!yes) this.declined(referral.index).add(v);
    return yes;
  }

  /** An offer or call reached the volunteer (counted in their offer statistics). */
  offered(v: number): void {
    this.offers[v] = (this.offers[v] as number) + 1;
  }

  /**
   * Volunteer v accepted role `roleIndex` now; the caller already holds a capacity slot for them. The
   * slot is given back when the case completes (arrival + case length), unless `cancel`led before.
   */
  assign(referral: SimReferral, roleIndex: number, v: number, byOps: boolean): Assignment {
    const need = referral.roles[roleIndex] as RoleNeed;
    const acceptAt = this.now;
    const depart = acceptAt + departureMinutes(acceptAt, this.scheduleWaitMinutes(v, acceptAt), referral.urgency) * MINUTE;
    const arrivalAt = Math.round(depart + actualTripMinutes(this.seed, referral.index, v, this.trip(v, referral).minutes) * MINUTE);
    const remoteStartAt = (this.volunteers[v] as Volunteer).professional.remoteCapable
      ? acceptAt + BEHAVIOUR.remoteStartMinutes * MINUTE
      : null;
    const startAt = this.remoteStart(v, need) ? Math.min(arrivalAt, remoteStartAt as number) : arrivalAt;
    const completeAt = arrivalAt + BEHAVIOUR.caseDays[referral.serviceType] * DAY;
    const a: Assignment = { volunteer: v, acceptAt, startAt, arrivalAt, remoteStartAt, completeAt, byOps, active: true };
    this.accepts[v] = (this.accepts[v] as number) + 1;
    this.cases[v] = (this.cases[v] as number) + 1;
    (this.history[v] as { at: number; serviceType: string }[]).push({ at: acceptAt, serviceType: referral.serviceType });
    this.assignmentsVersion++;
    this.schedule(completeAt, () => {
      if (!a.active) return;
      a.active = false;
      this.release(v);
    });
    return a;
  }

  /** The slot of an accepted case is given back early (the role was re-opened). */
  cancel(a: Assignment): void {
    if (!a.active) return;
    a.active = false;
    this.cases[a.volunteer] = (this.cases[a.volunteer] as number) - 1;
  }

  /** A role search ended: with its assignment, or null when it gave up. Each role settles exactly once. */
  roleSettled(referral: SimReferral, roleIndex: number, a: Assignment | null): void {
    const o = this.outcomes[referral.index] as ReferralOutcome;
    const pending = (this.rolesPending[referral.index] as number) - 1;
    if (pending < 0 || o.done) throw new Error(`SIMULATOR.ROLE_SETTLED_TWICE: ${referral.id}`);
    this.rolesPending[referral.index] = pending;
    if (a) o.team.push(a.volunteer);
    if (roleIndex === 0 && a) {
      Object.assign(o, {
        matched: true,
        volunteer: a.volunteer,
        acceptAt: a.acceptAt,
        startAt: a.startAt,
        arrivalAt: a.arrivalAt,
        remoteStartAt: a.remoteStartAt,
        byOps: a.byOps,
      });
      o.deadlineMet = onSiteAt(o) <= referral.deadlineAt;
    } else if (a) o.optionalFilled++;
    if (pending === 0) {
      o.done = true;
      this.options.onSettled?.(++this.settled);
    }
  }
}
