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

/** Nodes an access leg may join at each end: the nearest few, so a trip may start toward the far side of a town. */
const ACCESS_CANDIDATES = 3;
/** Two points this close (straight line) may be driven between directly, without the trunk network. */
const DIRECT_KM = 40;

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

export class RoadNetwork {
  private constructor(
    readonly nodes: readonly RoadNode[],
    /** n × n: minutes and km of the fastest road between node i and node j (Infinity if none). */
    private readonly minutes: Float64Array,
    private readonly km: Float64Array,
    private readonly speeds: RoadSpeeds,
  ) {}

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

  /**
   * Door to door: the fastest of joining the network at one of the few nodes nearest each end (legs
   * that cross the lake are not taken), or, for two points close together on the same side of the lake,
   * driving straight there.
   */
  trip(from: LatLon, to: LatLon): RoadTrip {
    const { accessKmh, accessDetour } = this.speeds;
    const leg = (straightKm: number) => ({ minutes: ((straightKm * accessDetour) / accessKmh) * 60, km: straightKm * accessDetour });
    let best: RoadTrip = { minutes: Infinity, km: Infinity, via: [] };
    const straight = distanceKm(from.lat, from.lon, to.lat, to.lon);
    if (straight <= DIRECT_KM && !crossesLake(from, to)) best = { ...leg(straight), via: [] };
    const n = this.nodes.length;
    for (const start of this.accessNodes(from)) {
      for (const end of this.accessNodes(to)) {
        const minutes = leg(start.km).minutes + this.minutes[start.index * n + end.index]! + leg(end.km).minutes;
        if (minutes < best.minutes) {
          const km = leg(start.km).km + this.km[start.index * n + end.index]! + leg(end.km).km;
          best = { minutes, km, via: [this.nodes[start.index]!.id, this.nodes[end.index]!.id] };
        }
      }
    }
    return best;
  }

  /** The nearest few nodes a straight access leg reaches without crossing the lake. */
  private accessNodes(point: LatLon): { index: number; km: number }[] {
    return this.nodes
      .map((node, index) => ({ index, km: distanceKm(point.lat, point.lon, node.lat, node.lon), node }))
      .filter(({ node }) => !crossesLake(point, node))
      .sort((a, b) => a.km - b.km)
      .slice(0, ACCESS_CANDIDATES)
      .map(({ index, km }) => ({ index, km }));
  }

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

/** Whether the straight line from a to b crosses Lake Turkana's axis (a planar test: the lake is small enough). */
export function crossesLake(a: LatLon, b: LatLon): boolean {
  for (let i = 1; i < LAKE_TURKANA_AXIS.length; i += 1) {
    if (segmentsCross(a, b, LAKE_TURKANA_AXIS[i - 1]!, LAKE_TURKANA_AXIS[i]!)) return true;
  }
  return false;
}

function segmentsCross(p: LatLon, q: LatLon, r: LatLon, s: LatLon): boolean {
  const side = (a: LatLon, b: LatLon, c: LatLon) => Math.sign((b.lon - a.lon) * (c.lat - a.lat) - (b.lat - a.lat) * (c.lon - a.lon));
  return side(p, q, r) !== side(p, q, s) && side(r, s, p) !== side(r, s, q);
}
