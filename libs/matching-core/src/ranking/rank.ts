import type { CompiledRoster } from '../roster/compiled-roster';
import type { Instant } from '../roster/nairobi-time';
import type { Role } from '@haki/vocabulary';
import { evaluate, exclusionOf, makeQuery, MARK_CONFLICT, MARK_OFFERED, type ExclusionReason, type Query } from './evaluate';
import { explainFactors, summarise, type Factor } from './explain';
import { searchRole } from './best-first';
import { TopK } from './top-k';
import { TravelFloor } from './travel-floor';
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
  /** Professionals already offered this referral (any role): never listed again. */
  exclude?: Iterable<string>;
  /** Widening: also ask people outside their declared travel distance and counties. */
  ignoreTravelPreference?: boolean;
  /**
   * Surge triage: list people at capacity as if they had a free slot (someone with capacity 0 stays out),
   * to learn whether anyone who qualifies is only busy, so a role can wait for a slot instead of going to ops.
   */
  ignoreCapacity?: boolean;
}

const DEFAULT_K = 10;

interface Setup {
  q: Query;
  prepared: PreparedReferral;
  need: RoleNeed;
  k: number;
}

/**
 * Every weight must be a non-negative finite number: the search stops on lower bounds of the score, which a
 * negative weight (or NaN) would make wrong, so the indexed list would silently differ from the true one.
 * Two are divisors and must not make 0/0 (NaN scores): the acceptance priors together, and the cooldown.
 */
function validateWeights(weights: RankingWeights): void {
  for (const [name, value] of Object.entries(weights)) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new MatchingCoreError('MATCHING.INVALID_WEIGHT', `weight ${name} must be a non-negative finite number (got ${String(value)})`);
    }
  }
  if (weights.acceptPriorAccepts + weights.acceptPriorDeclines <= 0) {
    throw new MatchingCoreError('MATCHING.INVALID_WEIGHT', 'weights acceptPriorAccepts and acceptPriorDeclines must not both be 0');
  }
  if (weights.cooldownHours <= 0) throw new MatchingCoreError('MATCHING.INVALID_WEIGHT', 'weight cooldownHours must be above 0');
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
  const q = makeQuery(roster, prepared, need, ms, weights, options.ignoreTravelPreference ?? false, options.ignoreCapacity ?? false);
  const marked: number[] = [];
  const mark = (i: number, m: number) => i >= 0 && (roster.excludedMark[i] = m) && marked.push(i);
  for (const key of prepared.referral.implicated ?? []) for (const i of roster.conflictedWith(key)) mark(i, MARK_CONFLICT);
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

const travelFloor = new TravelFloor();

/**
 * Ranks one role of a referral: hard filters, score, top k with explanations. The role's kd-tree is read
 * best bound first (best-first.ts), so near and reliable candidates set a tight k-th best score early and
 * everyone who provably cannot beat it is never read.
 */
export function rankRole(
  roster: CompiledRoster,
  referral: ReferralForMatching | PreparedReferral,
  need: RoleNeed,
  now: Instant,
  options: RankOptions = {},
): RankedCandidate[] {
  return withQuery(roster, referral, need, now, options, (s) => {
    const top = new TopK(s.k, roster.idRank);
    const index = roster.byRole.get(need.role);
    if (index && s.k > 0) {
      const minutesLeft = (s.prepared.deadlineMs - s.q.nowMs) / 60_000;
      searchRole(s.q, index, top, travelFloor.reset(roster.roads, s.q.site), minutesLeft);
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
