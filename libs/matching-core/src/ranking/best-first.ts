import { KM_PER_DEGREE, type CompiledRoster } from '../roster/compiled-roster';
import { isLeaf, nodeName, subtreeMinimum, type CachedPenalties, type RoleIndex } from '../roster/role-index';
import { evaluate, siteDistanceKm, type Query } from './evaluate';
import { FrameHeap } from './frame-heap';
import type { TopK } from './top-k';
import type { TravelFloor } from './travel-floor';
import { fixedPenalty } from './fixed-penalty';
import type { RankingWeights } from './weights';

/**
 * Best-first branch and bound over a role's kd-trees: subtrees are read in order of the lowest score
 * anyone in them could have — the fewest road minutes from the subtree's box to the site (TravelFloor)
 * plus the subtree's lowest fixed penalty (acceptance, response, load) and what its static facts add
 * (missing skill or credential: never; language) — and the search stops when that bound exceeds the
 * k-th best score found. A subtree nobody in which could arrive before the deadline, or would travel
 * that far (declared distance, county not served), is never opened. Members of an opened leaf are
 * bounded again from kd-ordered copies of the same facts before any read of the roster's arrays. Everyone
 * it never scores provably scores worse, so the list equals a full scan's (rank.spec.ts checks that
 * property against rankRoleBruteForce).
 *
 * Why not rings around the site, as before: the score mixes travel with penalties of up to a few hundred
 * points, so around a dense city the k-th best score is set by the reliable few, and rings had to score
 * every member within the distance that score allows: thousands per query (bench/TAIL.md).
 */

/** Work done by the last search, for the benchmark's tail analysis: subtrees opened, candidates scored in full. */
export const lastSearchWork = { subtrees: 0, candidates: 0 };

const pending = new FrameHeap();

/**
 * Fixed penalties per kd item (fixed-penalty.ts, the score's own terms), Infinity for members at capacity
 * (they are excluded), and their minimum per subtree. Cached per weights; a load change updates its
 * member and their subtrees (role-index.ts refreshItem). Kept in kd order so the search reads them next
 * to kdbush's coordinates instead of all over the roster.
 */
function penaltiesOf(index: RoleIndex, roster: CompiledRoster, w: RankingWeights, ignoreCapacity: boolean, key: string): CachedPenalties {
  let penalties = index.penalties.get(key);
  if (!penalties) {
    const penaltyOf = (item: number) => {
      const i = index.members[item] as number;
      const [open, capacity] = [roster.openCases[i] as number, roster.capacity[i] as number];
      if (open >= capacity && !(ignoreCapacity && capacity > 0)) return Infinity;
      return fixedPenalty(
        w,
        roster.offers[i] as number,
        roster.accepts[i] as number,
        roster.medianResponseMinutes[i] as number,
        open,
        capacity,
      );
    };
    const items = Float64Array.from(index.members, (_, item) => penaltyOf(item));
    penalties = { items, floors: subtreeMinimum(index.tree, (item) => items[item] as number), penaltyOf };
    index.penalties.set(key, penalties);
  }
  return penalties;
}

interface Band {
  index: RoleIndex;
  penalties: CachedPenalties;
  countyBits: Int32Array;
  /** Someone in the band can start remotely (bands are split by it, so usually: everyone). */
  remote: boolean;
}

/** Reads the role's members, all bands at once, best bound first into `top` (see above). */
export function searchRole(q: Query, roleBands: readonly RoleIndex[], top: TopK, floor: TravelFloor, minutesLeft: number): void {
  const w = q.weights;
  const qx = q.siteLon * KM_PER_DEGREE;
  const qy = q.siteLat * KM_PER_DEGREE;
  const xScale = q.kmPerDegreeLon / KM_PER_DEGREE;
  // Road km is at least this × the grid distance (1% short: grid vs great-circle, as in TravelFloor).
  const roadKmPerKm = q.roster.roads.minRoadKmPerStraightKm * 0.99;
  const c = q.siteCounty;
  const countyBit = c < 32 ? 1 << c : 1 << (c - 32);
  const preferencesApply = !q.ignoreTravelPreference;
  if (q.skillCodes.some((code) => code < 0) || q.credentialCodes.some((code) => code < 0)) return; // nobody holds them
  // Skills needed as a mask (0 when one is beyond the mask's codes: then only evaluate() checks them).
  const skillsNeeded = q.skillCodes.every((code) => code < 31) ? q.skillCodes.reduce((mask, code) => mask | (1 << code), 0) : 0;
  const kinds = q.credentialCodes;
  const mismatch = Math.round(w.languageMismatch);
  // The language penalty, when it is known from the masks: everyone pays it when nobody speaks the language.
  const languageBit = q.languageCode >= 0 && q.languageCode < 31 ? 1 << q.languageCode : 0;
  const everyonePays = q.languageCode === -1 ? mismatch : 0;
  /**
   * What the static facts add to the floor of one item or subtree: Infinity when they lack a skill or a
   * valid credential the role needs, else the language penalty when none of them speaks the language.
   */
  const factsFloor = (skills: number, languages: number, expiry: Int32Array, at: number, stride: number): number => {
    if ((skills & skillsNeeded) !== skillsNeeded) return Infinity;
    for (let k = 0; k < kinds.length; k++) if ((expiry[at * stride + (kinds[k] as number)] as number) < q.today) return Infinity;
    return everyonePays + (languageBit !== 0 && (languages & languageBit) === 0 ? mismatch : 0);
  };
  const weights = [w.declineRisk, w.acceptPriorAccepts, w.acceptPriorDeclines, w.responsePerMinute, w.responseCapMinutes, w.fullLoad];
  const penaltiesKey = `${q.ignoreCapacity}|${weights.join('|')}`;
  const bands: Band[] = roleBands.map((index) => ({
    index,
    penalties: penaltiesOf(index, q.roster, w, q.ignoreCapacity, penaltiesKey),
    countyBits: c < 32 ? index.servesLow : index.servesHigh,
    remote: q.remoteStartAllowed && index.anyRemote[nodeName(index.tree, 0, index.tree.ids.length - 1)] === 1,
  }));

  /** Lowest score at `km` (grid) or further with this fixed penalty; Infinity if nobody there could start before the deadline. */
  const scoreFloor = (km: number, remote: boolean, penalty: number): number => {
    const road = floor.at(km);
    const start = remote ? Math.min(road, w.remoteStartMinutes) : road;
    if (start > minutesLeft) return Infinity;
    const travel = remote ? Math.min(road, w.remoteStartMinutes + w.remoteTravelShare * road) : road;
    return Math.round(w.travelPerMinute * travel) + penalty;
  };
  /** Lowest score anyone in the band's subtree [left, right] within this box could have; Infinity if nobody can be listed. */
  const boundOf = (band: Band, left: number, right: number, minX: number, minY: number, maxX: number, maxY: number): number => {
    const { tree, anyRemote, maxTravelKm, nodeSkills, nodeLanguages, nodeCredentialExpiry, credentialKinds } = band.index;
    const dx = Math.max(minX - qx, 0, qx - maxX) * xScale;
    const dy = Math.max(minY - qy, 0, qy - maxY);
    const km = Math.sqrt(dx * dx + dy * dy);
    const name = nodeName(tree, left, right);
    // Nobody here serves the site's county and the trip is longer than anyone here will travel.
    if (preferencesApply && ((band.countyBits[name] as number) & countyBit) === 0 && km * roadKmPerKm > (maxTravelKm[name] as number)) {
      return Infinity;
    }
    const facts = factsFloor(nodeSkills[name] as number, nodeLanguages[name] as number, nodeCredentialExpiry, name, credentialKinds);
    return scoreFloor(km, q.remoteStartAllowed && anyRemote[name] === 1, (band.penalties.floors[name] as number) + facts);
  };
  /** Scores one member, unless the floor from kd-ordered data (no roster reads: cache-friendly) already rules them out. */
  const consider = (band: Band, item: number) => {
    const { tree, itemSkills, itemLanguages, itemCredentialExpiry, credentialKinds } = band.index;
    const facts = factsFloor(itemSkills[item] as number, itemLanguages[item] as number, itemCredentialExpiry, item, credentialKinds);
    const dx = ((tree.coords[2 * item] as number) - qx) * xScale;
    const dy = (tree.coords[2 * item + 1] as number) - qy;
    if (scoreFloor(Math.sqrt(dx * dx + dy * dy), band.remote, (band.penalties.items[item] as number) + facts) > top.worst) return;
    lastSearchWork.candidates++;
    const i = band.index.members[item] as number;
    const score = evaluate(q, i, top.worst, siteDistanceKm(q, i));
    if (score >= 0) top.offer(i, score);
  };

  pending.clear();
  lastSearchWork.subtrees = 0;
  lastSearchWork.candidates = 0;
  bands.forEach((band, b) => {
    const last = band.index.tree.ids.length - 1;
    const bound = boundOf(band, 0, last, -Infinity, -Infinity, Infinity, Infinity);
    if (bound < Infinity) pending.push(bound, 0, last, 0, -Infinity, -Infinity, Infinity, Infinity, b);
  });
  while (pending.size > 0 && pending.minBound <= top.worst) {
    const o = pending.pop();
    const f = pending.frames;
    const left = f[o] as number,
      right = f[o + 1] as number,
      axis = f[o + 2] as number;
    const minX = f[o + 3] as number,
      minY = f[o + 4] as number,
      maxX = f[o + 5] as number,
      maxY = f[o + 6] as number;
    const b = f[o + 7] as number;
    const band = bands[b] as Band;
    lastSearchWork.subtrees++;
    const { tree } = band.index;
    if (isLeaf(tree, left, right)) {
      for (let item = left; item <= right; item++) consider(band, item);
      continue;
    }
    const m = (left + right) >> 1;
    consider(band, m);
    const split = tree.coords[2 * m + axis] as number;
    // Children: the median's coordinate bounds them on the split axis.
    if (left <= m - 1) {
      const lowMaxX = axis === 0 ? split : maxX;
      const lowMaxY = axis === 1 ? split : maxY;
      const bound = boundOf(band, left, m - 1, minX, minY, lowMaxX, lowMaxY);
      if (bound <= top.worst) pending.push(bound, left, m - 1, 1 - axis, minX, minY, lowMaxX, lowMaxY, b);
    }
    if (m + 1 <= right) {
      const highMinX = axis === 0 ? split : minX;
      const highMinY = axis === 1 ? split : minY;
      const bound = boundOf(band, m + 1, right, highMinX, highMinY, maxX, maxY);
      if (bound <= top.worst) pending.push(bound, m + 1, right, 1 - axis, highMinX, highMinY, maxX, maxY, b);
    }
  }
}
