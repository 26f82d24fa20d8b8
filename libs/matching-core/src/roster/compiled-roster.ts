import { placeLabel } from '@haki/geography';
import { compileSchedule, isoDateToDayNumber, minuteOfWeek, minutesUntilScheduled, toMs } from './nairobi-time';
import { ROLES, type Role } from '@haki/vocabulary';
import type { Professional, RosterSnapshot } from './types';
import { MatchingCoreError } from '../matching-core-error';
import { assertValidRoster } from './professional-rules';
import { ACCESS_CANDIDATES, nearLake, type RoadNetwork } from '../travel/road-network';
import { KENYA_ROADS } from '../travel/kenya-roads';
import { buildRoleIndex, refreshItem, type RoleIndex } from './role-index';
import { DEFAULT_WEIGHTS } from '../ranking/weights';
import { fixedPenalty } from '../ranking/fixed-penalty';

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

/** Bits 0..30: the codes each item holds below 31; bit 31: some code from 31 up (searches treat it as unknown). */
function codeMasks(lists: Ragged<Int32Array>): Int32Array {
  const masks = new Int32Array(lists.start.length - 1);
  for (let i = 0; i < masks.length; i++)
    for (let j = lists.start[i] as number; j < (lists.start[i + 1] as number); j++)
      masks[i]! |= 1 << Math.min(31, lists.values[j] as number);
  return masks;
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

// kd-tree grid: x = longitude × KM_PER_DEGREE, y = latitude × KM_PER_DEGREE. The search scales x by
// cos(site latitude), which makes grid distances exactly the ranking's distance (see siteDistanceKm).
export const KM_PER_DEGREE = 111.195;

export interface CompileOptions {
  /** Items per kd-tree leaf (kdbush's nodeSize); tests make it tiny to exercise deep trees. */
  nodeSize?: number;
  /** A role's members are split into one band per this many (see byRole); tests make it tiny. */
  membersPerBand?: number;
  /** The road network trips are estimated on (default: Kenya's trunk roads). */
  roads?: RoadNetwork;
}
const NODE_SIZE = 16;
const MEMBERS_PER_BAND = 2048;
const MAX_BANDS = 32;

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
  private readonly indexById = new Map<string, number>();
  /** Position of each id in sorted order: deterministic tie-break without string compares. */
  readonly idRank: Int32Array;
  readonly lat: Float64Array;
  readonly lon: Float64Array;
  readonly roads: RoadNetwork;
  /**
   * [professional × ACCESS_CANDIDATES]: the road nodes nearest their home base (-1: none) and the access
   * leg's minutes and km, so a ranking only adds the site's per-node table (RoadNetwork.destination).
   */
  readonly accessNode: Int16Array;
  readonly accessMinutes: Float64Array;
  readonly accessKm: Float64Array;
  /** Home base close enough to Lake Turkana that a direct local trip could cross it. */
  readonly nearLake: Uint8Array;
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
  /**
   * Open cases per professional. Read-only here: changes go through tryReserve, release or setOpenCases,
   * which update the search's cached penalty floors (they include the load).
   */
  get openCases(): ArrayLike<number> {
    return this.open;
  }
  private readonly open: Int32Array;
  /** Every band (role-index.ts) of every role, and per professional the (band, kd item) pairs they appear as. */
  private readonly bands: RoleIndex[] = [];
  private readonly placesOf: Ragged<Int32Array>;
  readonly recentAssignmentAt: Ragged<Float64Array>;
  readonly lastPostmortemAt: Float64Array;
  readonly offers: Int32Array;
  readonly accepts: Int32Array;
  readonly medianResponseMinutes: Float64Array;
  private readonly conflictMembers = new Map<string, number[]>();
  /**
   * Per role, its members in bands, each with its own kd-tree (role-index.ts): apart by whether they can
   * start remotely (their travel cost grows slowly with distance) and by fixed penalty (acceptance and
   * response), so a band's floor is tight and the search can leave a whole band of unlikely candidates
   * unread. Big roles get more bands.
   */
  readonly byRole = new Map<Role, RoleIndex[]>();
  /** Per-query exclusion marks (offered, conflicted); cleared after every query. */
  readonly excludedMark: Uint8Array;

  constructor(snapshot: RosterSnapshot | readonly Professional[], options: CompileOptions = {}) {
    const pros = Array.isArray(snapshot) ? (snapshot as readonly Professional[]) : (snapshot as RosterSnapshot).professionals;
    // Once per snapshot, O(n): rankings then trust the typed arrays and check only their own small inputs.
    assertValidRoster(pros);
    const n = pros.length;
    this.size = n;
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
    this.roads = options.roads ?? KENYA_ROADS;
    this.accessNode = new Int16Array(n * ACCESS_CANDIDATES).fill(-1);
    this.accessMinutes = new Float64Array(n * ACCESS_CANDIDATES).fill(Infinity);
    this.accessKm = new Float64Array(n * ACCESS_CANDIDATES).fill(Infinity);
    pros.forEach((p, i) =>
      this.roads.accessLegs(p.homeBase).forEach((leg, k) => {
        this.accessNode[i * ACCESS_CANDIDATES + k] = leg.node;
        this.accessMinutes[i * ACCESS_CANDIDATES + k] = leg.minutes;
        this.accessKm[i * ACCESS_CANDIDATES + k] = leg.km;
      }),
    );
    this.nearLake = Uint8Array.from(pros, (p) => (nearLake(p.homeBase) ? 1 : 0));
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
    this.open = Int32Array.from(pros, (p) => p.openCases);
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
    pros.forEach((p, i) =>
      p.conflicts.forEach((c) => {
        const members = this.conflictMembers.get(c);
        if (members) members.push(i);
        else this.conflictMembers.set(c, [i]);
      }),
    );
    this.excludedMark = new Uint8Array(n);

    const facts = {
      ...this,
      x: this.lon.map((lon) => lon * KM_PER_DEGREE),
      y: this.lat.map((lat) => lat * KM_PER_DEGREE),
      skillMask: codeMasks(this.skills),
      languageMask: codeMasks(this.languages),
      credentialKinds: kinds,
    };
    // Banding key: the fixed penalty under the default weights, members at capacity last. Any order is
    // correct, since the search bounds each band by its own floor under the query's weights and the
    // current load; a good order only makes the floors tight.
    const penalty = (i: number) =>
      (this.open[i] as number) >= (this.capacity[i] as number)
        ? Infinity
        : fixedPenalty(
            DEFAULT_WEIGHTS,
            this.offers[i] as number,
            this.accepts[i] as number,
            this.medianResponseMinutes[i] as number,
            this.open[i] as number,
            this.capacity[i] as number,
          );
    const perBand = options.membersPerBand ?? MEMBERS_PER_BAND;
    for (const [r, role] of ROLES.entries()) {
      const bands: RoleIndex[] = [];
      for (const remote of [0, 1]) {
        const members: number[] = [];
        for (let i = 0; i < n; i++) if ((this.roleMask[i] as number) & (1 << r) && this.remoteCapable[i] === remote) members.push(i);
        const key = new Map(members.map((i) => [i, penalty(i)]));
        members.sort((a, b) => (key.get(a)! < key.get(b)! ? -1 : key.get(a)! > key.get(b)! ? 1 : a - b));
        const count = Math.max(1, Math.min(MAX_BANDS, Math.floor(members.length / perBand)));
        const size = Math.ceil(members.length / count);
        for (let start = 0; start < members.length; start += size) {
          bands.push(buildRoleIndex(members.slice(start, start + size), facts, options.nodeSize ?? NODE_SIZE));
        }
      }
      this.byRole.set(role, bands);
      this.bands.push(...bands);
    }
    const places: number[][] = Array.from({ length: n }, () => []);
    this.bands.forEach((band, b) => band.members.forEach((i, item) => places[i]!.push(b, item)));
    this.placesOf = ragged(places, (k) => new Int32Array(k));
  }

  indexOf(professionalId: string): number {
    return this.indexById.get(professionalId) ?? -1;
  }

  /** Professionals who declared a conflict with this agency. */
  conflictedWith(key: string): readonly number[] {
    return this.conflictMembers.get(key) ?? [];
  }

  /** "Eldoret" or "Turkana County": where professional i travels from, for explanations (cached: a county lookup). */
  homeLabel(i: number): string {
    return (this.homeLabels[i] ??= placeLabel({ lat: this.lat[i] as number, lon: this.lon[i] as number }));
  }
  private readonly homeLabels: (string | undefined)[] = [];

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
    if (i < 0 || (this.open[i] as number) >= (this.capacity[i] as number)) return false;
    this.open[i] = (this.open[i] as number) + 1;
    this.loadChanged(i);
    return true;
  }

  release(professionalId: string): void {
    const i = this.indexOf(professionalId);
    if (i < 0 || (this.open[i] as number) <= 0) throw new MatchingCoreError('MATCHING.RELEASE_WITHOUT_RESERVATION', `${professionalId}`);
    this.open[i] = (this.open[i] as number) - 1;
    this.loadChanged(i);
  }

  /** Replaces every professional's open-case count (e.g. from a live ledger, in roster order). */
  setOpenCases(counts: ArrayLike<number>): void {
    if (counts.length !== this.size) throw new MatchingCoreError('MATCHING.INVALID_ROSTER', `expected ${this.size} open-case counts`);
    for (let i = 0; i < this.size; i++) {
      const count = counts[i] as number;
      if (!Number.isInteger(count) || count < 0)
        throw new MatchingCoreError('MATCHING.INVALID_ROSTER', `open cases of ${this.ids[i]}: ${count}`);
      if (this.open[i] === count) continue;
      this.open[i] = count;
      this.loadChanged(i);
    }
  }

  private loadChanged(i: number): void {
    const { start, values } = this.placesOf;
    for (let j = start[i] as number; j < (start[i + 1] as number); j += 2) refreshItem(this.bands[values[j]!]!, values[j + 1]!);
  }
}

export const compileRoster = (snapshot: RosterSnapshot | readonly Professional[], options?: CompileOptions): CompiledRoster =>
  new CompiledRoster(snapshot, options);
