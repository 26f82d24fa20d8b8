import { KM_PER_DEGREE, type CompiledRoster } from '../roster/compiled-roster';
import { minuteOfWeek, nairobiDayNumber, nairobiMonthStart } from '../roster/nairobi-time';
import { ROLES } from '@haki/vocabulary';
import { ACCESS_CANDIDATES, crossesLake, DIRECT_KM, type Destination } from '../travel/road-network';
import type { PreparedReferral, RoleNeed } from './referral';
import type { RankingWeights } from './weights';
import { acceptancePenalty, acceptLikelihood, loadPenalty, responsePenalty } from './fixed-penalty';

export const FACTORS = ['travel', 'wait', 'load', 'recent', 'cooldown', 'language', 'acceptance', 'response'] as const;
export type FactorName = (typeof FACTORS)[number];
// Positions in FACTORS, spelled out so the hot loop indexes typed arrays with constants.
const TRAVEL = 0,
  WAIT = 1,
  LOAD = 2,
  RECENT = 3,
  COOLDOWN = 4,
  LANGUAGE = 5,
  ACCEPTANCE = 6,
  RESPONSE = 7;

/** Why a professional is not a candidate. `pruned` is internal: provably outside the current top k. */
export const EXCLUSIONS = [
  'role',
  'already-offered',
  'conflict',
  'capacity',
  'skill',
  'credential',
  'on-leave',
  'travel-preference',
  'deadline',
  'pruned',
  'monthly-cap',
] as const;
export type ExclusionReason = (typeof EXCLUSIONS)[number];
// evaluate() returns -1 - (position in EXCLUSIONS) for an excluded professional.
const X_ROLE = -1,
  X_OFFERED = -2,
  X_CONFLICT = -3,
  X_CAPACITY = -4,
  X_SKILL = -5,
  X_CREDENTIAL = -6,
  X_LEAVE = -7,
  X_PREFERENCE = -8,
  X_DEADLINE = -9,
  X_PRUNED = -10,
  X_MONTHLY_CAP = -11;
export const exclusionOf = (result: number): ExclusionReason => EXCLUSIONS[-1 - result] as ExclusionReason;

export const MARK_OFFERED = 1;
export const MARK_CONFLICT = 2;

/** Everything about one (referral, role, now) that the per-candidate loop needs, resolved once. */
export interface Query {
  roster: CompiledRoster;
  weights: RankingWeights;
  siteLat: number;
  siteLon: number;
  /** From every road node, the fastest way on to the site. */
  site: Destination;
  offRoadMinutesPerKm: number;
  offRoadDetour: number;
  siteCounty: number;
  nowMs: number;
  nowMinuteOfWeek: number;
  today: number;
  monthStartMs: number;
  /** km per degree of longitude at the site's latitude. */
  kmPerDegreeLon: number;
  deadlineMs: number;
  roleBit: number;
  skillCodes: number[];
  credentialCodes: number[];
  /** -2: no language requested; -1: nobody in the roster speaks it. */
  languageCode: number;
  languageLabel: string | undefined;
  remoteStartAllowed: boolean;
  ignoreTravelPreference: boolean;
  ignoreCapacity: boolean;
  /** Scratch output of the last evaluate(): per-factor value and contribution, plus trip details. */
  values: Float64Array;
  contributions: Float64Array;
  trip: { km: number; roadKm: number; roadMinutes: number; remote: boolean };
}

export function makeQuery(
  roster: CompiledRoster,
  prepared: PreparedReferral,
  need: RoleNeed,
  nowMs: number,
  weights: RankingWeights,
  ignoreTravelPreference: boolean,
  ignoreCapacity: boolean,
): Query {
  const language = prepared.referral.language?.toLowerCase();
  return {
    roster,
    weights,
    siteLat: prepared.site.point.lat,
    siteLon: prepared.site.point.lon,
    site: roster.roads.destination(prepared.site.point),
    offRoadMinutesPerKm: roster.roads.offRoadMinutesPerKm,
    offRoadDetour: roster.roads.offRoadDetour,
    siteCounty: prepared.site.county.code,
    nowMs,
    nowMinuteOfWeek: minuteOfWeek(nowMs),
    today: nairobiDayNumber(nowMs),
    monthStartMs: nairobiMonthStart(nowMs),
    kmPerDegreeLon: KM_PER_DEGREE * Math.cos((prepared.site.point.lat * Math.PI) / 180),
    deadlineMs: prepared.deadlineMs,
    roleBit: 1 << ROLES.indexOf(need.role),
    skillCodes: need.skills.map(roster.skillDict.lookup),
    credentialCodes: need.credentials.map(roster.credentialDict.lookup),
    languageCode: language === undefined ? -2 : roster.languageDict.lookup(language),
    languageLabel: prepared.referral.language,
    remoteStartAllowed: need.remoteStartAllowed,
    ignoreTravelPreference,
    ignoreCapacity,
    values: new Float64Array(FACTORS.length),
    contributions: new Float64Array(FACTORS.length),
    trip: { km: 0, roadKm: 0, roadMinutes: 0, remote: false },
  };
}

/**
 * Straight-line km from the site: equirectangular around the site's latitude. Within 0.5% of the
 * great-circle distance anywhere in Kenya (≤ 5° from the equator), far below the travel model's own
 * uncertainty, and a third of the cost of haversine in the hot loop.
 */
export function siteDistanceKm(q: Query, i: number): number {
  const dx = ((q.roster.lon[i] as number) - q.siteLon) * q.kmPerDegreeLon;
  const dy = ((q.roster.lat[i] as number) - q.siteLat) * KM_PER_DEGREE;
  return Math.sqrt(dx * dx + dy * dy);
}

function holds(list: { start: Int32Array; values: Int32Array }, i: number, value: number): boolean {
  for (let j = list.start[i] as number; j < (list.start[i + 1] as number); j++) if (list.values[j] === value) return true;
  return false;
}

/** Assignments accepted since the start of this Nairobi month, against the professional's cap. */
function reachedMonthlyCap(q: Query, i: number): boolean {
  const cap = q.roster.monthlyCap[i] as number;
  if (cap === Infinity) return false;
  const ra = q.roster.recentAssignmentAt;
  let count = 0;
  for (let j = ra.start[i] as number; j < (ra.start[i + 1] as number); j++) if ((ra.values[j] as number) >= q.monthStartMs) count++;
  return count >= cap;
}

/**
 * Road minutes from professional i's home to the site (`km` apart in a straight line): a direct drive
 * when close and not across the lake, else the best of their access legs plus the site's table. Leaves
 * the trip's road km in q.trip.roadKm. Allocation-free (hot loop).
 */
function roadMinutesTo(q: Query, i: number, km: number): number {
  const r = q.roster;
  let minutes = Infinity;
  let roadKm = Infinity;
  if (km <= DIRECT_KM && !(q.site.nearLake && r.nearLake[i] === 1 && crossesLake({ lat: r.lat[i]!, lon: r.lon[i]! }, q.site.point))) {
    minutes = km * q.offRoadMinutesPerKm;
    roadKm = km * q.offRoadDetour;
  }
  for (let slot = i * ACCESS_CANDIDATES; slot < (i + 1) * ACCESS_CANDIDATES; slot++) {
    const node = r.accessNode[slot] as number;
    if (node < 0) break;
    const viaNode = (r.accessMinutes[slot] as number) + (q.site.minutes[node] as number);
    if (viaNode < minutes) {
      minutes = viaNode;
      roadKm = (r.accessKm[slot] as number) + (q.site.km[node] as number);
    }
  }
  q.trip.roadKm = roadKm;
  return minutes;
}

/**
 * The hot loop body: hard filters, then the score, for professional i. Returns the score (≥ 0, lower is
 * better) or a negative exclusion code. Candidates whose travel term alone exceeds `cutoff` (the current
 * k-th best score) are cut short; pass Infinity to always score fully. Cheapest filters go first.
 */
export function evaluate(q: Query, i: number, cutoff: number, km = siteDistanceKm(q, i)): number {
  const r = q.roster;
  const w = q.weights;
  if (((r.roleMask[i] as number) & q.roleBit) === 0) return X_ROLE;
  const mark = r.excludedMark[i];
  if (mark === MARK_OFFERED) return X_OFFERED;
  if (mark === MARK_CONFLICT) return X_CONFLICT;
  const open = r.openCases[i] as number;
  const capacity = r.capacity[i] as number;
  if (open >= capacity && !(q.ignoreCapacity && capacity > 0)) return X_CAPACITY;
  if (reachedMonthlyCap(q, i)) return X_MONTHLY_CAP;

  // Travel first: in a dense city most candidates are dropped right here by the k-th best score.
  const roadMinutes = roadMinutesTo(q, i, km);
  const roadKm = q.trip.roadKm;
  const remote = q.remoteStartAllowed && r.remoteCapable[i] === 1 && w.remoteStartMinutes + w.remoteTravelShare * roadMinutes < roadMinutes;
  const travel = Math.round(w.travelPerMinute * (remote ? w.remoteStartMinutes + w.remoteTravelShare * roadMinutes : roadMinutes));
  if (travel > cutoff) return X_PRUNED;
  // Then the terms that need no lookups beyond this professional's own slots.
  const load = loadPenalty(w, open, capacity);
  const [offers, accepts] = [r.offers[i] as number, r.accepts[i] as number];
  const acceptance = acceptancePenalty(w, offers, accepts);
  const responseMinutes = r.medianResponseMinutes[i] as number;
  const response = responsePenalty(w, responseMinutes);
  let partial = travel + load + acceptance + response;
  if (partial > cutoff) return X_PRUNED;

  const skills = q.skillCodes;
  for (let s = 0; s < skills.length; s++) if ((skills[s] as number) < 0 || !holds(r.skills, i, skills[s] as number)) return X_SKILL;
  const kinds = r.credentialDict.size;
  const credentials = q.credentialCodes;
  for (let c = 0; c < credentials.length; c++) {
    const kind = credentials[c] as number;
    if (kind < 0 || (r.credentialExpiry[i * kinds + kind] as number) < q.today) return X_CREDENTIAL;
  }
  if (!q.ignoreTravelPreference) {
    const c = q.siteCounty;
    const serves = c < 32 ? ((r.countiesLow[i] as number) >>> c) & 1 : ((r.countiesHigh[i] as number) >>> (c - 32)) & 1;
    if (!serves && roadKm > (r.maxTravelKm[i] as number)) return X_PREFERENCE;
  }
  const waitMinutes = r.minutesUntilAvailable(i, q.nowMs, q.nowMinuteOfWeek);
  // Never available (e.g. leave without an end): an exclusion, never an infinite score. Checked before the
  // deadline, which an infinite wait does not trip when there is no deadline.
  if (!Number.isFinite(waitMinutes)) return X_LEAVE;
  // Someone on leave is not excluded for it: the leave's end is part of the wait (and of the score), and
  // only a leave that keeps them from reaching the site before the deadline excludes them.
  const startMinutes = waitMinutes + (remote ? w.remoteStartMinutes : roadMinutes);
  if (q.nowMs + startMinutes * 60_000 > q.deadlineMs) return r.isOnLeave(i, q.nowMs) ? X_LEAVE : X_DEADLINE;
  const wait = Math.round(w.waitPerMinute * waitMinutes);
  partial += wait;
  if (partial > cutoff) return X_PRUNED;

  let recentCount = 0;
  const since = q.nowMs - w.recentWindowDays * 86_400_000;
  const ra = r.recentAssignmentAt;
  for (let j = ra.start[i] as number; j < (ra.start[i + 1] as number); j++)
    if ((ra.values[j] as number) >= since && (ra.values[j] as number) <= q.nowMs) recentCount++;
  const hoursSincePostmortem = Math.min(w.cooldownHours, Math.max(0, (q.nowMs - (r.lastPostmortemAt[i] as number)) / 3_600_000));
  const speaks = q.languageCode === -2 || (q.languageCode >= 0 && holds(r.languages, i, q.languageCode));

  const v = q.values;
  const c = q.contributions;
  v[TRAVEL] = roadMinutes;
  c[TRAVEL] = travel;
  v[WAIT] = waitMinutes;
  c[WAIT] = wait;
  v[LOAD] = open / capacity;
  c[LOAD] = load;
  v[RECENT] = recentCount;
  c[RECENT] = Math.round(w.perRecentAssignment * recentCount);
  v[COOLDOWN] = hoursSincePostmortem;
  c[COOLDOWN] = Math.round(w.postmortemCooldown * (1 - hoursSincePostmortem / w.cooldownHours));
  v[LANGUAGE] = speaks ? 1 : 0;
  c[LANGUAGE] = speaks ? 0 : Math.round(w.languageMismatch);
  v[ACCEPTANCE] = acceptLikelihood(w, offers, accepts);
  c[ACCEPTANCE] = acceptance;
  v[RESPONSE] = responseMinutes;
  c[RESPONSE] = response;
  q.trip.km = km;
  q.trip.roadKm = roadKm;
  q.trip.roadMinutes = roadMinutes;
  q.trip.remote = remote;
  let score = 0;
  for (let f = 0; f < FACTORS.length; f++) score += c[f] as number;
  return score;
}
