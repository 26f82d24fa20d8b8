// Travel on roads: matching-core's road network (Kenya's trunk roads, Lake Turkana a barrier) is the
// simulator's ground truth for every trip — acceptance, departure-to-arrival, nearest-first lists,
// coverage. The ranking inside matching-core uses the same network for its estimates.
//
// A year run asks for hundreds of thousands of (volunteer, site) trips, so each site's table of the
// fastest way on from every node (`RoadNetwork.destination`) is built once and each trip is kept.
import type { LatLon } from '@haki/geography';
import { KENYA_ROADS, type Destination } from '@haki/matching-core';

export interface Trip {
  minutes: number;
  roadKm: number;
}

/**
 * Trips from volunteers' homes to a fixed list of sites (a seed's referral sites), computed on first
 * use and kept: every strategy, sensitivity variant and recruitment candidate of a seed shares them.
 * Keyed by the home's coordinates, so a roster with volunteers appended reuses everyone else's trips.
 */
export class SiteTrips {
  private readonly byHome = new Map<string, { minutes: Float64Array; km: Float64Array }>();
  private readonly destinations: (Destination | undefined)[] = [];
  constructor(private readonly sites: readonly LatLon[]) {}

  trip(home: LatLon, site: number): Trip {
    const key = `${home.lat},${home.lon}`;
    let row = this.byHome.get(key);
    if (!row) {
      row = { minutes: new Float64Array(this.sites.length).fill(NaN), km: new Float64Array(this.sites.length) };
      this.byHome.set(key, row);
    }
    if (Number.isNaN(row.minutes[site])) {
      const destination = (this.destinations[site] ??= KENYA_ROADS.destination(this.sites[site] as LatLon));
      const t = KENYA_ROADS.tripTo(home, destination);
      row.minutes[site] = t.minutes;
      row.km[site] = t.km;
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
