import { distanceKm, type LatLon } from '@haki/geography';
import { MatchingCoreError } from '../matching-core-error';

/**
 * Road travel over Kenya's trunk network: towns and junctions joined by the A and major B roads, each
 * segment with its length and surface (data/roads/, every fact cited there). A trip is an access leg
 * from the start to a nearby node, the shortest road between nodes, and an access leg to the end.
 *
 * Barriers hold by construction: there is no segment across Lake Turkana or through a park no road
 * crosses, so the shortest road goes around them; and an access leg may not cross the lake either
 * (LAKE_TURKANA_AXIS), so a point on the east shore does not reach the west shore's towns by swimming.
 */
export type Surface = 'paved' | 'mixed' | 'unpaved';

export interface RoadNode {
  id: string;
  name: string;
  lat: number;
  lon: number;
}

export interface RoadSegment {
  from: string;
  to: string;
  km: number;
  surface: Surface;
}

/**
 * Average speeds, an assumption calibrated against the validation table (data/roads/validation.csv):
 * trucks, checks and towns on paved A roads; murram that rain can close on unpaved ones. Access legs
 * (off the network, to a village or a house) run at `accessKmh` over `accessDetour` × the straight line.
 */
export interface RoadSpeeds {
  kmh: Record<Surface, number>;
  accessKmh: number;
  accessDetour: number;
}

export const KENYA_ROAD_SPEEDS: RoadSpeeds = {
  kmh: { paved: 70, mixed: 50, unpaved: 35 },
  accessKmh: 30,
  accessDetour: 1.4,
};

/**
 * A great-circle distance is at least the latitude gap × this (km per degree along a meridian, with the
 * Earth radius distanceKm uses, a hair short for rounding): the lower bound accessLegs stops on.
 */
const KM_PER_DEGREE_OF_LATITUDE = ((6371 * Math.PI) / 180) * (1 - 1e-9);

/** Nodes an access leg may join at each end: the nearest few, so a trip may start toward the far side of a town. */
export const ACCESS_CANDIDATES = 3;
/** Two points this close (straight line) may be driven between directly, without the trunk network. */
export const DIRECT_KM = 40;

/**
 * Lake Turkana's long axis, south tip to the Omo delta (lat, lon): about 290 km long and at most 32 km
 * wide (the lake's published extent), so a straight leg between the shores crosses this line. An
 * approximation from the shore settlements' coordinates (Kalokol, Eliye Springs, Todenyang on the west;
 * Loiyangalani, Alia Bay, Koobi Fora, Ileret on the east), good to a few km; data/roads/SOURCES.md.
 */
export const LAKE_TURKANA_AXIS: readonly LatLon[] = [
  { lat: 2.45, lon: 36.62 },
  { lat: 3.0, lon: 36.3 },
  { lat: 3.6, lon: 36.08 },
  { lat: 4.2, lon: 36.05 },
  { lat: 4.62, lon: 36.03 },
];

export interface RoadTrip {
  minutes: number;
  /** Road km: access legs (straight line × detour) and the network between. */
  km: number;
  /** The nodes the trip joins and leaves the network at; empty for a direct local trip. */
  via: string[];
}

/** An access leg from a point to one of its nearest nodes (by index). */
export interface AccessLeg {
  node: number;
  minutes: number;
  km: number;
}

/**
 * Everything about one destination that trips to it need, computed once: from every node, the fastest
 * way on to the destination (the network to one of its access nodes, then that access leg). A trip from
 * any start is then its own access legs plus one lookup each, which is what the ranking's hot loop does.
 */
export interface Destination {
  point: LatLon;
  /** Per node: minutes and km from that node to the destination, and the node the trip leaves the network at. */
  minutes: Float64Array;
  km: Float64Array;
  exit: Int32Array;
  /** Per node: straight-line km to the destination (for lower bounds on trips from unknown starts). */
  straightKm: Float64Array;
  /** Whether a direct leg ending here could cross the lake (only then is the exact test needed). */
  nearLake: boolean;
}

export class RoadNetwork {
  private constructor(
    readonly nodes: readonly RoadNode[],
    /** n × n: minutes and km of the fastest road between node i and node j (Infinity if none). */
    private readonly minutes: Float64Array,
    private readonly km: Float64Array,
    private readonly speeds: RoadSpeeds,
  ) {
    let ratio = 1;
    const n = nodes.length;
    for (let a = 0; a < n; a += 1)
      for (let b = a + 1; b < n; b += 1) {
        const straight = distanceKm(nodes[a]!.lat, nodes[a]!.lon, nodes[b]!.lat, nodes[b]!.lon);
        if (straight > 0) ratio = Math.min(ratio, km[a * n + b]! / straight);
      }
    this.minRoadKmPerStraightKm = Math.min(ratio, speeds.accessDetour);
    this.byLatitude = nodes.map((_, i) => i).sort((a, b) => nodes[a]!.lat - nodes[b]!.lat);
  }

  /**
   * No trip is shorter by road than this × its straight line (at most 1: roads are never shorter than the
   * crow flies; a data error that made one so lowers it), so the ranking can bound road km by distance.
   */
  readonly minRoadKmPerStraightKm: number;

  /** Builds the network and every node-to-node fastest road (Dijkstra from each node: n is about a hundred). */
  static build(nodes: readonly RoadNode[], segments: readonly RoadSegment[], speeds: RoadSpeeds = KENYA_ROAD_SPEEDS): RoadNetwork {
    const index = new Map(nodes.map((node, i) => [node.id, i]));
    if (index.size !== nodes.length) throw new MatchingCoreError('MATCHING.INVALID_ROAD_NETWORK', 'two road nodes share an id');
    const adjacency: { to: number; minutes: number; km: number }[][] = nodes.map(() => []);
    for (const segment of segments) {
      const [a, b] = [index.get(segment.from), index.get(segment.to)];
      if (a === undefined || b === undefined || a === b || !(segment.km > 0) || !(segment.surface in speeds.kmh)) {
        throw new MatchingCoreError(
          'MATCHING.INVALID_ROAD_NETWORK',
          `road segment ${segment.from}–${segment.to} is not between two known nodes with a positive length and a known surface`,
        );
      }
      const minutes = (segment.km / speeds.kmh[segment.surface]) * 60;
      adjacency[a]!.push({ to: b, minutes, km: segment.km });
      adjacency[b]!.push({ to: a, minutes, km: segment.km });
    }
    const n = nodes.length;
    const minutes = new Float64Array(n * n).fill(Infinity);
    const km = new Float64Array(n * n).fill(Infinity);
    for (let source = 0; source < n; source += 1)
      shortestFrom(source, adjacency, minutes.subarray(source * n, (source + 1) * n), km.subarray(source * n, (source + 1) * n));
    return new RoadNetwork(nodes, minutes, km, speeds);
  }

  /** Whether every node can reach every other. */
  connected(): boolean {
    return this.minutes.every((value) => Number.isFinite(value));
  }

  /** The fastest road between two nodes by id. */
  between(from: string, to: string): { minutes: number; km: number } {
    const [a, b] = [this.indexOf(from), this.indexOf(to)];
    const n = this.nodes.length;
    return { minutes: this.minutes[a * n + b]!, km: this.km[a * n + b]! };
  }

  /** Minutes per straight-line km off the network (access legs and direct local trips). */
  get offRoadMinutesPerKm(): number {
    return (this.speeds.accessDetour / this.speeds.accessKmh) * 60;
  }

  /** Road km per straight-line km off the network. */
  get offRoadDetour(): number {
    return this.speeds.accessDetour;
  }

  /**
   * Door to door: the fastest of joining the network at one of the few nodes nearest each end (legs
   * that cross the lake are not taken), or, for two points close together on the same side of the lake,
   * driving straight there.
   */
  trip(from: LatLon, to: LatLon): RoadTrip {
    return this.tripTo(from, this.destination(to));
  }

  /** The same trip to a destination prepared once (many starts, one site). */
  tripTo(from: LatLon, to: Destination): RoadTrip {
    let best: RoadTrip = { minutes: Infinity, km: Infinity, via: [] };
    const straight = distanceKm(from.lat, from.lon, to.point.lat, to.point.lon);
    if (straight <= DIRECT_KM && !crossesLake(from, to.point)) {
      best = { minutes: straight * this.offRoadMinutesPerKm, km: straight * this.offRoadDetour, via: [] };
    }
    for (const leg of this.accessLegs(from)) {
      const minutes = leg.minutes + to.minutes[leg.node]!;
      if (minutes < best.minutes) {
        const exit = this.nodes[to.exit[leg.node]!]!.id;
        best = { minutes, km: leg.km + to.km[leg.node]!, via: [this.nodes[leg.node]!.id, exit] };
      }
    }
    return best;
  }

  /** From every node, the fastest way on to this point (see Destination). */
  destination(point: LatLon): Destination {
    const n = this.nodes.length;
    const table: Destination = {
      point,
      minutes: new Float64Array(n).fill(Infinity),
      km: new Float64Array(n).fill(Infinity),
      exit: new Int32Array(n).fill(-1),
      straightKm: Float64Array.from(this.nodes, (node) => distanceKm(node.lat, node.lon, point.lat, point.lon)),
      nearLake: nearLake(point),
    };
    for (const leg of this.accessLegs(point)) {
      for (let a = 0; a < n; a += 1) {
        const minutes = this.minutes[a * n + leg.node]! + leg.minutes;
        if (minutes < table.minutes[a]!) {
          table.minutes[a] = minutes;
          table.km[a] = this.km[a * n + leg.node]! + leg.km;
          table.exit[a] = leg.node;
        }
      }
    }
    return table;
  }

  /**
   * A lower bound on the minutes from any point at least `straightKm` from the destination: a direct
   * leg of that length, or an access leg to some node a (at least straightKm − |a, destination| long,
   * by the triangle inequality) and the fastest way on from a. Lets a search by distance stop early.
   */
  minutesFloor(to: Destination, straightKm: number): number {
    const perKm = this.offRoadMinutesPerKm;
    let floor = straightKm <= DIRECT_KM ? straightKm * perKm : Infinity;
    for (let a = 0; a < this.nodes.length; a += 1) {
      const minutes = to.minutes[a]! + Math.max(0, straightKm - to.straightKm[a]!) * perKm;
      if (minutes < floor) floor = minutes;
    }
    return floor;
  }

  /**
   * The nearest few nodes a straight access leg reaches without crossing the lake, nearest first.
   * Allocation-light: it runs once per professional when a roster is compiled.
   */
  accessLegs(point: LatLon): AccessLeg[] {
    // Nodes are visited outward by latitude, and the visit stops once even the latitude gap alone (a lower
    // bound of the great-circle distance) is longer than the third-nearest leg found: a few distances
    // per point instead of one per node. Ties go to the lower node index, as a scan of all nodes would.
    const best: { node: number; straight: number }[] = [];
    const closer = (straight: number, node: number, than: { node: number; straight: number }) =>
      straight < than.straight || (straight === than.straight && node < than.node);
    const order = this.byLatitude;
    let above = order.findIndex((node) => this.nodes[node]!.lat >= point.lat);
    if (above === -1) above = order.length;
    let below = above - 1;
    while (below >= 0 || above < order.length) {
      const gapBelow = below >= 0 ? point.lat - this.nodes[order[below]!]!.lat : Infinity;
      const gapAbove = above < order.length ? this.nodes[order[above]!]!.lat - point.lat : Infinity;
      const node = gapBelow <= gapAbove ? order[below--]! : order[above++]!;
      if (
        best.length === ACCESS_CANDIDATES &&
        Math.min(gapBelow, gapAbove) * KM_PER_DEGREE_OF_LATITUDE > best[ACCESS_CANDIDATES - 1]!.straight
      ) {
        break;
      }
      const straight = distanceKm(point.lat, point.lon, this.nodes[node]!.lat, this.nodes[node]!.lon);
      if (best.length === ACCESS_CANDIDATES && !closer(straight, node, best[ACCESS_CANDIDATES - 1]!)) continue;
      if (crossesLake(point, this.nodes[node]!)) continue;
      let at = best.length < ACCESS_CANDIDATES ? best.length : ACCESS_CANDIDATES - 1;
      best[at] = { node, straight };
      for (; at > 0 && closer(straight, node, best[at - 1]!); at -= 1) [best[at - 1], best[at]] = [best[at]!, best[at - 1]!];
    }
    return best.map(({ node, straight }) => ({ node, minutes: straight * this.offRoadMinutesPerKm, km: straight * this.offRoadDetour }));
  }

  /** Node indices by latitude, for accessLegs' outward visit. */
  private readonly byLatitude: number[];

  private indexOf(id: string): number {
    const i = this.nodes.findIndex((node) => node.id === id);
    if (i === -1) throw new MatchingCoreError('MATCHING.INVALID_ROAD_NETWORK', `no road node ${id}`);
    return i;
  }
}

/** Dijkstra over a small graph: a linear scan for the nearest unsettled node is plenty for ~100 nodes. */
function shortestFrom(
  source: number,
  adjacency: { to: number; minutes: number; km: number }[][],
  minutes: Float64Array,
  km: Float64Array,
): void {
  const settled = new Uint8Array(adjacency.length);
  minutes[source] = 0;
  km[source] = 0;
  for (;;) {
    let next = -1;
    for (let i = 0; i < adjacency.length; i += 1)
      if (!settled[i] && Number.isFinite(minutes[i]!) && (next === -1 || minutes[i]! < minutes[next]!)) next = i;
    if (next === -1) return;
    settled[next] = 1;
    for (const edge of adjacency[next]!) {
      const through = minutes[next]! + edge.minutes;
      if (through < minutes[edge.to]!) {
        minutes[edge.to] = through;
        km[edge.to] = km[next]! + edge.km;
      }
    }
  }
}

const LAKE_BOX = {
  minLat: Math.min(...LAKE_TURKANA_AXIS.map((p) => p.lat)),
  maxLat: Math.max(...LAKE_TURKANA_AXIS.map((p) => p.lat)),
  minLon: Math.min(...LAKE_TURKANA_AXIS.map((p) => p.lon)),
  maxLon: Math.max(...LAKE_TURKANA_AXIS.map((p) => p.lon)),
};
// A degree is at most 111.2 km, so a point further than this (in degrees) from the axis's box is more
// than DIRECT_KM from every point of the axis: no direct leg from it can cross the lake.
const NEAR_LAKE_DEGREES = DIRECT_KM / 100;

/** Whether a direct leg from this point could reach across the lake (cheap box test; see crossesLake for the exact one). */
export function nearLake(p: LatLon): boolean {
  return (
    p.lat >= LAKE_BOX.minLat - NEAR_LAKE_DEGREES &&
    p.lat <= LAKE_BOX.maxLat + NEAR_LAKE_DEGREES &&
    p.lon >= LAKE_BOX.minLon - NEAR_LAKE_DEGREES &&
    p.lon <= LAKE_BOX.maxLon + NEAR_LAKE_DEGREES
  );
}

/** Whether the straight line from a to b crosses Lake Turkana's axis (a planar test: the lake is small enough). */
export function crossesLake(a: LatLon, b: LatLon): boolean {
  // Most lines run nowhere near the lake: reject them by bounding boxes before the segment tests.
  if (Math.max(a.lat, b.lat) < LAKE_BOX.minLat || Math.min(a.lat, b.lat) > LAKE_BOX.maxLat) return false;
  if (Math.max(a.lon, b.lon) < LAKE_BOX.minLon || Math.min(a.lon, b.lon) > LAKE_BOX.maxLon) return false;
  for (let i = 1; i < LAKE_TURKANA_AXIS.length; i += 1) {
    if (segmentsCross(a, b, LAKE_TURKANA_AXIS[i - 1]!, LAKE_TURKANA_AXIS[i]!)) return true;
  }
  return false;
}

function segmentsCross(p: LatLon, q: LatLon, r: LatLon, s: LatLon): boolean {
  const side = (a: LatLon, b: LatLon, c: LatLon) => Math.sign((b.lon - a.lon) * (c.lat - a.lat) - (b.lat - a.lat) * (c.lon - a.lon));
  return side(p, q, r) !== side(p, q, s) && side(r, s, p) !== side(r, s, q);
}
