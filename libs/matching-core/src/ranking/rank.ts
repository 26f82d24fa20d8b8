import { KM_PER_DEGREE, type CompiledRoster, type RoleTier } from '../roster/compiled-roster';
import type { Instant } from '../roster/nairobi-time';
import type { Role } from '@haki/vocabulary';
import { KENYA_TRAVEL_MODEL, minTripMinutes, type TravelModel } from '../travel/travel-model';
import {
  evaluate,
  exclusionOf,
  makeQuery,
  MARK_CONFLICT,
  MARK_OFFERED,
  siteDistanceKm,
  type ExclusionReason,
  type Query,
} from './evaluate';
import { explainFactors, summarise, type Factor } from './explain';
import { annulusInto } from './kd-annulus';
import { prepareReferral, type PreparedReferral, type ReferralForMatching, type RoleNeed } from './referral';
import { DEFAULT_WEIGHTS, type RankingWeights } from './weights';
import { MatchingCoreError } from '../matching-core-error';
import { nowMs } from '../validation/instants';
import { assertValidRoleNeed, listLength } from './rank-inputs';

export interface RankedCandidate {
  professionalId: string;
  role: Role;
  /** 1-based position in the list. */
  rank: number;
  /** Penalty points, lower is better; equals the sum of factor contributions. */
  score: number;
  factors: Factor[];
  summary: string;
}

export interface RankOptions {
  /** List length per role (default 10). */
  k?: number;
  weights?: Partial<RankingWeights>;
  model?: TravelModel;
  /** Professionals already offered this referral (any role): never listed again. */
  exclude?: Iterable<string>;
  /** Widening: also ask people outside their declared travel distance and counties. */
  ignoreTravelPreference?: boolean;
}

const DEFAULT_K = 10;
// Small first ring: in Nairobi the best k are usually within a few km, and the cutoff they set lets
// the following rings drop most of the city after a distance check.
const FIRST_RADIUS_KM = 2;
const RADIUS_GROWTH = 1.5;
const LAST_FINITE_RADIUS_KM = 1500; // Kenya's diagonal is ~1,300 km; beyond that, scan everything

/** Bounded best-k buffer ordered by (score, id): top-k selection without sorting the roster. */
class TopK {
  readonly index: Int32Array;
  readonly score: Float64Array;
  size = 0;
  constructor(
    readonly k: number,
    private readonly idRank: Int32Array,
  ) {
    this.index = new Int32Array(k);
    this.score = new Float64Array(k);
  }
  get worst(): number {
    return this.size < this.k ? Infinity : (this.score[this.k - 1] as number);
  }
  private before(s: number, i: number, at: number): boolean {
    const t = this.score[at] as number;
    return s < t || (s === t && (this.idRank[i] as number) < (this.idRank[this.index[at] as number] as number));
  }
  offer(i: number, s: number): void {
    if (this.k === 0 || (this.size === this.k && !this.before(s, i, this.k - 1))) return;
    let at = this.size < this.k ? this.size++ : this.k - 1;
    while (at > 0 && this.before(s, i, at - 1)) {
      this.index[at] = this.index[at - 1] as number;
      this.score[at] = this.score[at - 1] as number;
      at--;
    }
    this.index[at] = i;
    this.score[at] = s;
  }
}

interface Setup {
  q: Query;
  prepared: PreparedReferral;
  need: RoleNeed;
  k: number;
}

/**
 * Every weight must be a non-negative finite number: the search stops on lower bounds of the score, which a
 * negative weight (or NaN) would make wrong, so the indexed list would silently differ from the true one.
 */
function validateWeights(weights: RankingWeights): void {
  for (const [name, value] of Object.entries(weights)) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new MatchingCoreError('MATCHING.INVALID_WEIGHT', `weight ${name} must be a non-negative finite number (got ${String(value)})`);
    }
  }
}

/**
 * Checks the call's own inputs (the roster was checked when compiled), builds the query and marks excluded
 * professionals; the marks are always cleared afterwards.
 */
function withQuery<T>(
  roster: CompiledRoster,
  referral: ReferralForMatching | PreparedReferral,
  need: RoleNeed,
  now: Instant,
  options: RankOptions,
  run: (s: Setup) => T,
): T {
  const ms = nowMs(now);
  const prepared = prepareReferral(referral);
  assertValidRoleNeed(need);
  const k = listLength(options.k, DEFAULT_K, roster.size);
  const weights = { ...DEFAULT_WEIGHTS, ...options.weights };
  if (options.weights) validateWeights(weights);
  const q = makeQuery(roster, prepared, need, ms, weights, options.model ?? KENYA_TRAVEL_MODEL, options.ignoreTravelPreference ?? false);
  const marked: number[] = [];
  const mark = (i: number, m: number) => i >= 0 && (roster.excludedMark[i] = m) && marked.push(i);
  for (const i of roster.conflictedWith(prepared.referral.implicated ?? [])) mark(i, MARK_CONFLICT);
  for (const id of options.exclude ?? []) mark(roster.indexOf(id), MARK_OFFERED);
  try {
    return run({ q, prepared, need, k });
  } finally {
    for (const i of marked) roster.excludedMark[i] = 0;
  }
}

function toCandidates(s: Setup, top: TopK): RankedCandidate[] {
  const out: RankedCandidate[] = [];
  for (let j = 0; j < top.size; j++) {
    const i = top.index[j] as number;
    const score = evaluate(s.q, i, Infinity); // refill the scratch factors for this candidate
    const factors = explainFactors(s.q, i);
    out.push({
      professionalId: s.q.roster.ids[i] as string,
      role: s.need.role,
      rank: j + 1,
      score,
      factors,
      summary: summarise(score, factors),
    });
  }
  return out;
}

/** Lowest acceptance + response penalty any member of the tier can have under these weights (cached). */
function tierFloor(tier: RoleTier, roster: CompiledRoster, w: RankingWeights): number {
  const key = `${w.declineRisk}|${w.acceptPriorAccepts}|${w.acceptPriorDeclines}|${w.responsePerMinute}|${w.responseCapMinutes}`;
  let floor = tier.floorCache.get(key);
  if (floor === undefined) {
    floor = Infinity;
    for (const i of tier.members) {
      const likelihood =
        ((roster.accepts[i] as number) + w.acceptPriorAccepts) /
        ((roster.offers[i] as number) + w.acceptPriorAccepts + w.acceptPriorDeclines);
      const penalty =
        Math.round(w.declineRisk * (1 - likelihood)) +
        Math.round(w.responsePerMinute * Math.min(roster.medianResponseMinutes[i] as number, w.responseCapMinutes));
      if (penalty < floor) floor = penalty;
    }
    tier.floorCache.set(key, floor);
  }
  return floor;
}

/**
 * Ranks one role of a referral: hard filters, score, top k with explanations. Each tier's kd-tree is
 * visited in growing rings around the site, best tier first, so near and reliable candidates set a
 * tight k-th best score early. A tier stops at the first ring beyond which even the fastest possible
 * trip (or a remote start) plus the tier's lowest fixed penalty would cost more than that score, or
 * could not arrive before the deadline. Everyone further away is never read.
 */
export function rankRole(
  roster: CompiledRoster,
  referral: ReferralForMatching | PreparedReferral,
  need: RoleNeed,
  now: Instant,
  options: RankOptions = {},
): RankedCandidate[] {
  return withQuery(roster, referral, need, now, options, (s) => {
    const { q, prepared } = s;
    const top = new TopK(s.k, roster.idRank);
    const w = q.weights;
    const x = q.siteLon * KM_PER_DEGREE;
    const y = q.siteLat * KM_PER_DEGREE;
    const xScale = q.kmPerDegreeLon / KM_PER_DEGREE;
    const minutesLeft = (prepared.deadlineMs - q.nowMs) / 60_000;
    /** True when nobody in the tier further than `km`, with at least `floor` fixed penalty, can make the list. */
    const beyondReach = (km: number, floor: number, remote: boolean): boolean => {
      const road = minTripMinutes(km, prepared.siteClass, q.model);
      const travelFloor = remote ? Math.min(road, w.remoteStartMinutes + w.remoteTravelShare * road) : road;
      const startFloor = remote ? Math.min(road, w.remoteStartMinutes) : road;
      return Math.round(w.travelPerMinute * travelFloor) + floor > top.worst || startFloor > minutesLeft;
    };
    const tiers = (roster.byRole.get(need.role) ?? [])
      .map((tier) => ({ tier, floor: tierFloor(tier, roster, w) }))
      .sort((a, b) => a.floor - b.floor);
    for (const { tier, floor } of s.k === 0 ? [] : tiers) {
      const { tree, members, found } = tier;
      const remote = tier.remoteCapable && need.remoteStartAllowed;
      let inner = -1;
      let radius = FIRST_RADIUS_KM;
      while (!beyondReach(Math.max(0, inner), floor, remote)) {
        const count = annulusInto(tree, x, y, xScale, inner, radius, found);
        for (let j = 0; j < count; j++) {
          const i = members[found[j] as number] as number;
          const km = siteDistanceKm(q, i);
          if (km <= inner || km > radius) continue; // exact re-check, same distance as the brute force
          const score = evaluate(q, i, top.worst, km);
          if (score >= 0) top.offer(i, score);
        }
        if (radius === Infinity) break;
        inner = radius;
        radius = radius >= LAST_FINITE_RADIUS_KM ? Infinity : radius * RADIUS_GROWTH;
      }
    }
    return toCandidates(s, top);
  });
}

/** Reference implementation: score everyone, sort, slice. Used to verify rankRole and as the benchmark baseline. */
export function rankRoleBruteForce(
  roster: CompiledRoster,
  referral: ReferralForMatching | PreparedReferral,
  need: RoleNeed,
  now: Instant,
  options: RankOptions = {},
): RankedCandidate[] {
  return withQuery(roster, referral, need, now, options, (s) => {
    const scored: { i: number; score: number }[] = [];
    for (let i = 0; i < roster.size; i++) {
      const score = evaluate(s.q, i, Infinity);
      if (score >= 0) scored.push({ i, score });
    }
    scored.sort((a, b) => a.score - b.score || (roster.idRank[a.i] as number) - (roster.idRank[b.i] as number));
    const top = new TopK(s.k, roster.idRank);
    for (const { i, score } of scored.slice(0, s.k)) top.offer(i, score);
    return toCandidates(s, top);
  });
}

/** Why a professional is not on the list for this role, or null when they are eligible. */
export function whyNotEligible(
  roster: CompiledRoster,
  referral: ReferralForMatching | PreparedReferral,
  need: RoleNeed,
  professionalId: string,
  now: Instant,
  options: RankOptions = {},
): ExclusionReason | 'not-in-roster' | null {
  const i = roster.indexOf(professionalId);
  // Inputs are checked first, so a malformed referral is an error even for someone not on the roster.
  return withQuery(roster, referral, need, now, options, ({ q }) => {
    if (i < 0) return 'not-in-roster';
    const result = evaluate(q, i, Infinity);
    return result >= 0 ? null : exclusionOf(result);
  });
}

export interface TeamRanking {
  roles: { need: RoleNeed; candidates: RankedCandidate[] }[];
  /** A first offer per role with no person in two roles: scarcest role chooses first. */
  proposal: Partial<Record<Role, string>>;
}

/** One ranked list per role of a (team) referral, and a conflict-free first pick per role. */
export function rankTeam(
  roster: CompiledRoster,
  referral: ReferralForMatching | PreparedReferral,
  now: Instant,
  options: RankOptions = {},
): TeamRanking {
  const prepared = prepareReferral(referral);
  const roles = prepared.roles.map((need) => ({ need, candidates: rankRole(roster, prepared, need, now, options) }));
  const proposal: Partial<Record<Role, string>> = {};
  const taken = new Set<string>();
  for (const { need, candidates } of [...roles].sort((a, b) => a.candidates.length - b.candidates.length)) {
    const pick = candidates.find((c) => !taken.has(c.professionalId));
    if (pick) [proposal[need.role]] = [pick.professionalId, taken.add(pick.professionalId)];
  }
  return { roles, proposal };
}
