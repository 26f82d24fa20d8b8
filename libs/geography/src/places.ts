import { COUNTIES } from './counties.data';
import type { County, LatLon } from './county';
import { distanceBetween } from './geography';
import type { PlaceRecord } from './place';
import { PLACES } from './places.data';

// Towns and villages a person would name, from GeoNames (places.data.ts), with every county HQ town
// added where GeoNames' list lacks it. Looked up by a forgiving key: case, spaces and punctuation do
// not matter, so "Kakuma", "KAKUMA " and "Ka-kuma" are one place.

/** How far from the true spot a town's point may be: the town itself, not a house in it. */
export const TOWN_PRECISION_KM = 5;

const keyOf = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

const withHqTowns = [...PLACES];
for (const county of COUNTIES) {
  if (!PLACES.some((place) => place.county === county.code && keyOf(place.name) === keyOf(county.hqTown))) {
    withHqTowns.push({ name: county.hqTown, county: county.code, ...county.hq });
  }
}
const byKey = new Map<string, PlaceRecord[]>();
for (const place of withHqTowns) byKey.set(keyOf(place.name), [...(byKey.get(keyOf(place.name)) ?? []), place]);
const sortedKeys = [...byKey.keys()].sort();

export interface NamedPlace {
  name: string;
  county: County;
  point: LatLon;
  /** Kilometres the point may be off: more than a town's size when two places share the name in one county. */
  precisionKm: number;
}

export type PlaceLookup =
  | { found: true; place: NamedPlace }
  /** The name is known, but not in the county given (or in several counties when none was given). */
  | { found: false; reason: 'elsewhere' | 'ambiguous'; counties: County[] }
  | { found: false; reason: 'unknown' };

const countyByCode = new Map(COUNTIES.map((county) => [county.code, county]));

/**
 * The place a worker means by `name`, in `countyCode` when given. Two places of one name in one county
 * (GeoNames has two Bondos in Siaya) give their midpoint, with a precision that covers both.
 */
export function placeNamed(name: string, countyCode?: number): PlaceLookup {
  const matches = byKey.get(keyOf(name)) ?? [];
  if (matches.length === 0) return { found: false, reason: 'unknown' };
  const counties = [...new Set(matches.map((place) => place.county))].map((code) => countyByCode.get(code)!);
  const inCounty = countyCode === undefined ? matches : matches.filter((place) => place.county === countyCode);
  if (inCounty.length === 0) return { found: false, reason: 'elsewhere', counties };
  if (new Set(inCounty.map((place) => place.county)).size > 1) return { found: false, reason: 'ambiguous', counties };
  const point = {
    lat: Number((inCounty.reduce((sum, place) => sum + place.lat, 0) / inCounty.length).toFixed(4)),
    lon: Number((inCounty.reduce((sum, place) => sum + place.lon, 0) / inCounty.length).toFixed(4)),
  };
  const spreadKm = Math.max(...inCounty.map((place) => distanceBetween(point, place)));
  const first = inCounty[0]!;
  return {
    found: true,
    place: { name: first.name, county: countyByCode.get(first.county)!, point, precisionKm: Math.ceil(TOWN_PRECISION_KM + spreadKm) },
  };
}

/** Places whose name starts with `prefix` (same forgiving key), for a town search box; at most `limit`. */
export function searchPlaces(prefix: string, limit = 10): { name: string; county: County; point: LatLon }[] {
  const key = keyOf(prefix);
  if (!key) return [];
  const results: { name: string; county: County; point: LatLon }[] = [];
  let index = lowerBound(sortedKeys, key);
  for (; index < sortedKeys.length && sortedKeys[index]!.startsWith(key) && results.length < limit; index++) {
    for (const place of byKey.get(sortedKeys[index]!)!) {
      if (results.length < limit)
        results.push({ name: place.name, county: countyByCode.get(place.county)!, point: { lat: place.lat, lon: place.lon } });
    }
  }
  return results;
}

function lowerBound(sorted: readonly string[], key: string): number {
  let [low, high] = [0, sorted.length];
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle]! < key) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The radius of a circle as large as the county: how far off its HQ may be as a stand-in for a place in it. */
export const countyPrecisionKm = (county: County): number => Math.ceil(Math.sqrt(county.areaKm2 / Math.PI));
