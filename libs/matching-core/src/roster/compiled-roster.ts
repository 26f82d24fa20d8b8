import KDBush from 'kdbush';
import { areaClassOf, AREA_CLASSES } from '@haki/geography';
import { compileSchedule, isoDateToDayNumber, minuteOfWeek, minutesUntilScheduled, toMs } from './nairobi-time';
import { DEFAULT_WEIGHTS } from '../ranking/weights';
import { ROLES, type Role } from '@haki/vocabulary';
import type { Professional, RosterSnapshot } from './types';
import { MatchingCoreError } from '../matching-core-error';
import { assertValidRoster } from './professional-rules';

/** Flat variable-length lists: item i owns values[start[i] .. start[i+1]). */
interface Ragged<T extends ArrayLike<number>> {
  start: Int32Array;
  values: T;
}

function ragged<T extends Int32Array | Float64Array>(lists: number[][], make: (n: number) => T): Ragged<T> {
  const start = new Int32Array(lists.length + 1);
  lists.forEach((l, i) => (start[i + 1] = (start[i] as number) + l.length));
  const values = make(start[lists.length] as number);
  lists.forEach((l, i) => values.set(l, start[i]));
  return { start, values };
}

/** Interns strings as small integers so the hot loop compares numbers, not strings. */
class Dictionary {
  private readonly codes = new Map<string, number>();
  code(s: string): number {
    let c = this.codes.get(s);
    if (c === undefined) this.codes.set(s, (c = this.codes.size));
    return c;
  }
  lookup = (s: string): number => this.codes.get(s) ?? -1;
  get size(): number {
    return this.codes.size;
  }
}

// kd-tree grid: x = longitude × KM_PER_DEGREE, y = latitude × KM_PER_DEGREE. It overstates east-west
// distances by 1/cos(latitude) compared with the ranking's distance (see siteDistanceKm), so a radius
// query of r / cos(site latitude) returns everyone within r; the exact distance then trims the extra.
export const KM_PER_DEGREE = 111.195;

/**
 * One kd-tree over part of a role's members. A role is split into tiers by how likely its members are to
 * accept and how fast they answer (static per snapshot), so the search can stop early in tiers whose
 * best possible score already loses to the k-th best candidate found.
 */
export interface RoleTier {
  tree: KDBush;
  /** kd-tree item → roster index. */
  members: Int32Array;
  /** Reusable output buffer for radius queries (no allocation per query). */
  found: Uint32Array;
  /** Lowest acceptance + response penalty in this tier, per weights (see rank.ts tierFloor). */
  floorCache: Map<string, number>;
  /** All members can start remotely. Kept apart: their travel cost grows slowly with distance, so their search radius is wider. */
  remoteCapable: boolean;
}

export interface CompileOptions {
  /** Tiers only pay off for large rosters: a role gets one tier per this many members (max 4). */
  membersPerTier?: number;
}
const MEMBERS_PER_TIER = 2048;
const MAX_TIERS = 4;
// Tiering key (any monotone proxy works: correctness relies on the per-query floors, not on this).
const staticPenalty = (offers: number, accepts: number, response: number) =>
  Math.round(
    DEFAULT_WEIGHTS.declineRisk *
      (1 -
        (accepts + DEFAULT_WEIGHTS.acceptPriorAccepts) /
          (offers + DEFAULT_WEIGHTS.acceptPriorAccepts + DEFAULT_WEIGHTS.acceptPriorDeclines)),
  ) + Math.round(DEFAULT_WEIGHTS.responsePerMinute * Math.min(response, DEFAULT_WEIGHTS.responseCapMinutes));

/**
 * A roster snapshot laid out as typed arrays (one slot per professional) for the ranking hot loop, plus
 * one kd-tree per role. Every entry is checked first (professional-rules.ts: MATCHING.INVALID_ROSTER
 * names the professional and the field), so no value wraps or turns NaN in the arrays. Build once per
 * snapshot; rankings then only read it, except `openCases`, which `tryReserve`/`release` update to mirror
 * the service's atomic conditional update (simulator, tests).
 */
export class CompiledRoster {
  readonly size: number;
  readonly ids: readonly string[];
  readonly professionals: readonly Professional[];
  private readonly indexById = new Map<string, number>();
  /** Position of each id in sorted order: deterministic tie-break without string compares. */
  readonly idRank: Int32Array;
  readonly lat: Float64Array;
  readonly lon: Float64Array;
  /** Index into AREA_CLASSES. */
  readonly areaClass: Uint8Array;
  readonly roleMask: Uint8Array;
  readonly skillDict = new Dictionary();
  readonly skills: Ragged<Int32Array>;
  readonly languageDict = new Dictionary();
  readonly languages: Ragged<Int32Array>;
  readonly credentialDict = new Dictionary();
  /** [professional × credential kind] → last valid Nairobi day number, -1 when not held. */
  readonly credentialExpiry: Int32Array;
  readonly maxTravelKm: Float64Array;
  /** County codes 1..31 in the low word, 32..47 in the high word. */
  readonly countiesLow: Int32Array;
  readonly countiesHigh: Int32Array;
  readonly remoteCapable: Uint8Array;
  readonly schedule: Ragged<Int32Array>;
  readonly timeOff: Ragged<Float64Array>;
  readonly capacity: Int32Array;
  readonly monthlyCap: Float64Array;
  readonly openCases: Int32Array;
  readonly recentAssignmentAt: Ragged<Float64Array>;
  readonly lastPostmortemAt: Float64Array;
  readonly offers: Int32Array;
  readonly accepts: Int32Array;
  readonly medianResponseMinutes: Float64Array;
  private readonly conflictMembers = new Map<string, number[]>();
  readonly byRole = new Map<Role, RoleTier[]>();
  /** Per-query exclusion marks (offered, conflicted); cleared after every query. */
  readonly excludedMark: Uint8Array;

  constructor(snapshot: RosterSnapshot | readonly Professional[], options: CompileOptions = {}) {
    const pros = Array.isArray(snapshot) ? (snapshot as readonly Professional[]) : (snapshot as RosterSnapshot).professionals;
    // Once per snapshot, O(n): rankings then trust the typed arrays and check only their own small inputs.
    assertValidRoster(pros);
    const n = pros.length;
    this.size = n;
    this.professionals = pros;
    this.ids = pros.map((p) => p.id);
    pros.forEach((p, i) => {
      if (this.indexById.has(p.id)) throw new MatchingCoreError('MATCHING.DUPLICATE_PROFESSIONAL', `${p.id}`);
      this.indexById.set(p.id, i);
    });
    this.idRank = new Int32Array(n);
    [...this.ids.keys()]
      .sort((a, b) => ((this.ids[a] as string) < (this.ids[b] as string) ? -1 : 1))
      .forEach((i, r) => (this.idRank[i] = r));

    this.lat = Float64Array.from(pros, (p) => p.homeBase.lat);
    this.lon = Float64Array.from(pros, (p) => p.homeBase.lon);
    this.areaClass = Uint8Array.from(pros, (p) => AREA_CLASSES.indexOf(areaClassOf(p.homeBase)));
    this.roleMask = Uint8Array.from(pros, (p) => p.roles.reduce((m, r) => m | (1 << ROLES.indexOf(r)), 0));
    this.skills = ragged(
      pros.map((p) => p.skills.map((s) => this.skillDict.code(s))),
      (k) => new Int32Array(k),
    );
    this.languages = ragged(
      pros.map((p) => p.languages.map((s) => this.languageDict.code(s.toLowerCase()))),
      (k) => new Int32Array(k),
    );
    pros.forEach((p) => p.credentials.forEach((c) => this.credentialDict.code(c.kind)));
    const kinds = this.credentialDict.size;
    this.credentialExpiry = new Int32Array(n * kinds).fill(-1);
    pros.forEach((p, i) =>
      p.credentials.forEach((c) => {
        const slot = i * kinds + this.credentialDict.lookup(c.kind);
        this.credentialExpiry[slot] = Math.max(this.credentialExpiry[slot] as number, isoDateToDayNumber(c.expiresOn));
      }),
    );
    this.maxTravelKm = Float64Array.from(pros, (p) => p.maxTravelKm);
    this.countiesLow = Int32Array.from(pros, (p) => p.servesCounties.reduce((m, c) => (c < 32 ? m | (1 << c) : m), 0));
    this.countiesHigh = Int32Array.from(pros, (p) => p.servesCounties.reduce((m, c) => (c >= 32 ? m | (1 << (c - 32)) : m), 0));
    this.remoteCapable = Uint8Array.from(pros, (p) => (p.remoteCapable ? 1 : 0));
    this.schedule = ragged(
      pros.map((p) => (p.schedule ? compileSchedule(p.schedule) : [])),
      (k) => new Int32Array(k),
    );
    this.timeOff = ragged(
      pros.map((p) => p.timeOff.flatMap((t) => [toMs(t.from), toMs(t.to)])),
      (k) => new Float64Array(k),
    );
    this.capacity = Int32Array.from(pros, (p) => p.capacity);
    this.monthlyCap = Float64Array.from(pros, (p) => p.monthlyCap ?? Infinity);
    this.openCases = Int32Array.from(pros, (p) => p.openCases);
    this.recentAssignmentAt = ragged(
      pros.map((p) => p.recentAssignments.map((a) => toMs(a.at))),
      (k) => new Float64Array(k),
    );
    this.lastPostmortemAt = Float64Array.from(pros, (p) =>
      p.recentAssignments.reduce((t, a) => (a.serviceType === 'postmortem' ? Math.max(t, toMs(a.at)) : t), -Infinity),
    );
    this.offers = Int32Array.from(pros, (p) => p.stats.offers);
    this.accepts = Int32Array.from(pros, (p) => p.stats.accepts);
    this.medianResponseMinutes = Float64Array.from(pros, (p) => p.stats.medianResponseMinutes);
    pros.forEach((p, i) => p.conflicts.forEach((c) => this.conflictMembers.set(c, [...(this.conflictMembers.get(c) ?? []), i])));
    this.excludedMark = new Uint8Array(n);

    for (const [r, role] of ROLES.entries()) {
      const built: RoleTier[] = [];
      for (const remote of [false, true]) {
        const members: number[] = [];
        for (let i = 0; i < n; i++)
          if ((this.roleMask[i] as number) & (1 << r) && (this.remoteCapable[i] === 1) === remote) members.push(i);
        const penalty = (i: number) =>
          staticPenalty(this.offers[i] as number, this.accepts[i] as number, this.medianResponseMinutes[i] as number);
        members.sort((a, b) => penalty(a) - penalty(b) || a - b);
        const tiers = Math.max(1, Math.min(MAX_TIERS, Math.floor(members.length / (options.membersPerTier ?? MEMBERS_PER_TIER))));
        const size = Math.ceil(members.length / tiers);
        for (let t = 0; t < tiers; t++) {
          const part = members.slice(t * size, (t + 1) * size);
          if (part.length === 0) continue;
          const tree = new KDBush(part.length);
          for (const i of part) tree.add((this.lon[i] as number) * KM_PER_DEGREE, (this.lat[i] as number) * KM_PER_DEGREE);
          built.push({
            tree: tree.finish(),
            members: Int32Array.from(part),
            found: new Uint32Array(part.length),
            floorCache: new Map(),
            remoteCapable: remote,
          });
        }
      }
      this.byRole.set(role, built);
    }
  }

  indexOf(professionalId: string): number {
    return this.indexById.get(professionalId) ?? -1;
  }

  conflictedWith(keys: readonly string[]): number[] {
    return keys.flatMap((k) => this.conflictMembers.get(k) ?? []);
  }

  /** Minutes until professional i is next available at or after `nowMs` (schedule and time off). */
  minutesUntilAvailable(i: number, nowMs: number, nowMinuteOfWeek = minuteOfWeek(nowMs)): number {
    const { start: ss, values: sv } = this.schedule;
    const { start: ts, values: tv } = this.timeOff;
    // No leave: the common case.
    if (ts[i] === ts[i + 1]) return minutesUntilScheduled(sv, ss[i] as number, ss[i + 1] as number, nowMinuteOfWeek);
    let t = nowMs;
    // Alternate "next scheduled slot" and "end of the leave covering it" until both agree. t only grows, so
    // every round that moves t leaves behind at least one leave entry for good: with n entries, round n + 1
    // at the latest does not move. (Leave entered day by day needs one round per day; no fixed cap is safe.)
    const rounds = ((ts[i + 1] as number) - (ts[i] as number)) / 2 + 1;
    for (let round = 0; round < rounds; round++) {
      t += 60_000 * minutesUntilScheduled(sv, ss[i] as number, ss[i + 1] as number, minuteOfWeek(t));
      let moved = false;
      for (let j = ts[i] as number; j < (ts[i + 1] as number); j += 2) {
        if (t >= (tv[j] as number) && t < (tv[j + 1] as number)) [t, moved] = [tv[j + 1] as number, true];
      }
      if (!moved) return (t - nowMs) / 60_000;
    }
    return Infinity; // unreachable (see above); callers treat a non-finite wait as never available
  }

  isOnLeave(i: number, nowMs: number): boolean {
    const { start, values } = this.timeOff;
    for (let j = start[i] as number; j < (start[i + 1] as number); j += 2)
      if (nowMs >= (values[j] as number) && nowMs < (values[j + 1] as number)) return true;
    return false;
  }

  /** In-memory twin of the service's conditional update `openCases < capacity → openCases + 1`. */
  tryReserve(professionalId: string): boolean {
    const i = this.indexOf(professionalId);
    if (i < 0 || (this.openCases[i] as number) >= (this.capacity[i] as number)) return false;
    this.openCases[i] = (this.openCases[i] as number) + 1;
    return true;
  }

  release(professionalId: string): void {
    const i = this.indexOf(professionalId);
    if (i < 0 || (this.openCases[i] as number) <= 0)
      throw new MatchingCoreError('MATCHING.RELEASE_WITHOUT_RESERVATION', `${professionalId}`);
    this.openCases[i] = (this.openCases[i] as number) - 1;
  }
}

export const compileRoster = (snapshot: RosterSnapshot | readonly Professional[], options?: CompileOptions): CompiledRoster =>
  new CompiledRoster(snapshot, options);
