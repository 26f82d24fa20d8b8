// Travel on roads: matching-core's RoadNetwork (Kenya's trunk roads, Lake Turkana a barrier) is the
// simulator's ground truth for every trip — acceptance, departure-to-arrival, nearest-first lists,
// coverage. The ranking inside matching-core uses its own estimate; the world does not.
//
// `RoadNetwork.trip` looks up each end's nearest nodes on every call (≈ 50 µs); a year run asks for
// hundreds of thousands of (volunteer, site) trips, so this module computes each point's access nodes
// once and combines them with the network's node-to-node table — the same arithmetic as `trip`
// (travel.spec.ts checks equality against `RoadNetwork.trip` on random pairs), plus a cache per
// (home, site).
import { distanceKm, type LatLon } from '@haki/geography';
import {
  ACCESS_CANDIDATES,
  crossesLake,
  DIRECT_KM,
  KENYA_ROAD_NODES,
  KENYA_ROAD_SEGMENTS,
  KENYA_ROAD_SPEEDS,
  RoadNetwork,
} from '@haki/matching-core';

export interface Trip {
  minutes: number;
  roadKm: number;
}

interface Access {
  index: Int32Array;
  km: Float64Array;
}

export class RoadTrips {
  readonly network: RoadNetwork;
  private readonly n: number;
  private readonly minutes: Float64Array;
  private readonly km: Float64Array;
  private readonly access = new Map<string, Access>();

  constructor(network = RoadNetwork.build(KENYA_ROAD_NODES, KENYA_ROAD_SEGMENTS)) {
    this.network = network;
    const nodes = network.nodes;
    this.n = nodes.length;
    this.minutes = new Float64Array(this.n * this.n);
    this.km = new Float64Array(this.n * this.n);
    for (let a = 0; a < this.n; a++)
      for (let b = 0; b < this.n; b++) {
        const t = network.between(nodes[a]!.id, nodes[b]!.id);
        this.minutes[a * this.n + b] = t.minutes;
        this.km[a * this.n + b] = t.km;
      }
  }

  private accessOf(p: LatLon): Access {
    const key = `${p.lat},${p.lon}`;
    let a = this.access.get(key);
    if (!a) {
      const near = this.network.nodes
        .map((node, index) => ({ index, km: distanceKm(p.lat, p.lon, node.lat, node.lon), node }))
        .filter(({ node }) => !crossesLake(p, node))
        .sort((x, y) => x.km - y.km)
        .slice(0, ACCESS_CANDIDATES);
      a = { index: Int32Array.from(near, (x) => x.index), km: Float64Array.from(near, (x) => x.km) };
      this.access.set(key, a);
    }
    return a;
  }

  /** Door to door by road, as `RoadNetwork.trip` computes it. */
  trip(from: LatLon, to: LatLon): Trip {
    const { accessKmh, accessDetour } = KENYA_ROAD_SPEEDS;
    const legMinutes = (straight: number) => ((straight * accessDetour) / accessKmh) * 60;
    let bestMinutes = Infinity;
    let bestKm = Infinity;
    const straight = distanceKm(from.lat, from.lon, to.lat, to.lon);
    if (straight <= DIRECT_KM && !crossesLake(from, to)) [bestMinutes, bestKm] = [legMinutes(straight), straight * accessDetour];
    const a = this.accessOf(from);
    const b = this.accessOf(to);
    for (let i = 0; i < a.index.length; i++) {
      for (let j = 0; j < b.index.length; j++) {
        const cell = (a.index[i] as number) * this.n + (b.index[j] as number);
        const m = legMinutes(a.km[i] as number) + (this.minutes[cell] as number) + legMinutes(b.km[j] as number);
        if (m < bestMinutes) {
          bestMinutes = m;
          bestKm = ((a.km[i] as number) + (b.km[j] as number)) * accessDetour + (this.km[cell] as number);
        }
      }
    }
    return { minutes: bestMinutes, roadKm: bestKm };
  }
}

let shared: RoadTrips | undefined;
/** The one road network every run uses (built once per process, a few ms). */
export const roads = (): RoadTrips => (shared ??= new RoadTrips());

let memo: RoadNetwork | undefined;
/**
 * The same network for `compileRoster({ roads })`, with each point's access legs remembered: Haki's
 * roster snapshot is recompiled up to four times a simulated day, and the homes never move, so their
 * access legs are worked out once instead of on every compile. Same values, same rankings. (A network
 * without `accessLegs` — an older matching-core — is passed through unchanged.)
 */
export function rosterRoads(): RoadNetwork {
  if (!memo) {
    const network = roads().network;
    const legs = (network as unknown as { accessLegs?: (p: LatLon) => unknown }).accessLegs;
    if (typeof legs !== 'function') return (memo = network);
    const cache = new Map<string, unknown>();
    memo = Object.create(network, {
      accessLegs: {
        value: (p: LatLon) => {
          const key = `${p.lat},${p.lon}`;
          let hit = cache.get(key);
          if (hit === undefined) cache.set(key, (hit = legs.call(network, p)));
          return hit;
        },
      },
    }) as RoadNetwork;
  }
  return memo;
}

/**
 * Trips from volunteers' homes to a fixed list of sites (a seed's referral sites), computed on first
 * use and kept: every strategy, sensitivity variant and recruitment candidate of a seed shares them.
 * Keyed by the home's coordinates, so a roster with volunteers appended reuses everyone else's trips.
 */
export class SiteTrips {
  private readonly byHome = new Map<string, { minutes: Float64Array; km: Float64Array }>();
  constructor(private readonly sites: readonly LatLon[]) {}

  trip(home: LatLon, site: number): Trip {
    const key = `${home.lat},${home.lon}`;
    let row = this.byHome.get(key);
    if (!row) {
      row = { minutes: new Float64Array(this.sites.length).fill(NaN), km: new Float64Array(this.sites.length) };
      this.byHome.set(key, row);
    }
    if (Number.isNaN(row.minutes[site])) {
      const t = roads().trip(home, this.sites[site] as LatLon);
      row.minutes[site] = t.minutes;
      row.km[site] = t.roadKm;
    }
    return { minutes: row.minutes[site] as number, roadKm: row.km[site] as number };
  }
}

const siteTables = new Map<string, SiteTrips>();
/** The shared trip table for a set of sites, by a key naming them (scenario, seed, count). */
export function siteTripsFor(key: string, sites: readonly LatLon[]): SiteTrips {
  let t = siteTables.get(key);
  if (!t) siteTables.set(key, (t = new SiteTrips(sites)));
  return t;
}
