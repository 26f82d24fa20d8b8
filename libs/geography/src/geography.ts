import { COUNTIES } from './counties.data';
import type { County, LatLon } from './county';
import { GeographyError } from './geography-error';
import { placeNamed } from './places';

const EARTH_RADIUS_KM = 6371;
const RAD = Math.PI / 180;

/** Great-circle (haversine) distance in km. Kept allocation-free: the ranking hot loop calls it. */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const s1 = Math.sin(((lat2 - lat1) * RAD) / 2);
  const s2 = Math.sin(((lon2 - lon1) * RAD) / 2);
  const h = s1 * s1 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * s2 * s2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export const distanceBetween = (a: LatLon, b: LatLon): number => distanceKm(a.lat, a.lon, b.lat, b.lon);

/** Travel-relevant class of a place. Drives road detour and speed in the travel model. */
export type AreaClass = 'nairobi' | 'town' | 'rural' | 'remote';
export const AREA_CLASSES: readonly AreaClass[] = ['nairobi', 'town', 'rural', 'remote'];

// Within this distance of the Nairobi CBD, traffic is metropolitan (it spills into Kiambu, Machakos
// and Kajiado commuter towns, which is why this is a radius and not the county boundary).
const NAIROBI_METRO_KM = 20;
// Within this distance of a county HQ the trip starts or ends on a town street grid.
const TOWN_RADIUS_KM = 8;
// A point this close to a county HQ town is in that county (HQs are well inside their counties).
const HQ_SNAP_KM = 5;
// Counties below this 2019 population density (people/km²) are the arid and semi-arid north and east
// (Turkana, Marsabit, Wajir, Mandera, Garissa, Isiolo, Samburu, Tana River, Lamu, Taita-Taveta), where
// the last leg is usually an unpaved road with long gaps between settlements.
const REMOTE_DENSITY_PER_KM2 = 40;

const NAIROBI = COUNTIES[46] as County;
const byCode = new Map(COUNTIES.map((c) => [c.code, c]));
const normalise = (s: string) =>
  s
    .toLowerCase()
    .replace(/\bcity\b|\bcounty\b/g, '')
    .replace(/[^a-z]/g, '');
const byName = new Map(COUNTIES.map((c) => [normalise(c.name), c]));

export { COUNTIES };
export type { County, LatLon };

/** County by code (1..47) or by name, forgiving of case, punctuation and "City"/"County" suffixes. */
export function findCounty(codeOrName: number | string): County | undefined {
  if (typeof codeOrName === 'number') return byCode.get(codeOrName);
  return /^\d+$/.test(codeOrName.trim()) ? byCode.get(Number(codeOrName)) : byName.get(normalise(codeOrName));
}

/**
 * County containing a point — APPROXIMATION. No county polygons ship with the library. Within
 * HQ_SNAP_KM of a county HQ town the point belongs to that county; otherwise it goes to the county
 * whose area centroid is nearest relative to the county's size (distance / √area: a weighted Voronoi
 * diagram, so big counties claim more ground than small ones). On 40 deliberately border-heavy towns
 * this got 32 right, against 25 for nearest HQ and 22 for nearest centroid (geography.spec.ts); callers
 * that know the county (intake form) should pass it rather than rely on this.
 */
export function countyOf(point: LatLon): County {
  const hq = nearestHq(point);
  if (hq.km <= HQ_SNAP_KM) return hq.county;
  let best = NAIROBI;
  let bestScore = Infinity;
  for (const c of COUNTIES) {
    const score = distanceBetween(point, c.centroid) / Math.sqrt(c.areaKm2);
    if (score < bestScore) [best, bestScore] = [c, score];
  }
  return best;
}

function nearestHq(point: LatLon): { county: County; km: number } {
  let county = NAIROBI;
  let km = Infinity;
  for (const c of COUNTIES) {
    const d = distanceBetween(point, c.hq);
    if (d < km) [county, km] = [c, d];
  }
  return { county, km };
}

export function areaClassOf(point: LatLon): AreaClass {
  if (distanceBetween(point, NAIROBI.hq) <= NAIROBI_METRO_KM) return 'nairobi';
  if (nearestHq(point).km <= TOWN_RADIUS_KM) return 'town';
  const county = countyOf(point);
  return county.population2019 / county.areaKm2 < REMOTE_DENSITY_PER_KM2 ? 'remote' : 'rural';
}

/** A place name an ops person recognises: the HQ town when close to one, else the county. */
export function placeLabel(point: LatLon): string {
  const { county, km } = nearestHq(point);
  return km <= 15 ? county.hqTown : `${countyOf(point).name} County`;
}

export interface ResolvedLocation {
  point: LatLon;
  county: County;
  /** 'gps' when coordinates were given; otherwise the point is the named town's, or the county HQ's as a stand-in. */
  precision: 'gps' | 'town' | 'county-hq';
}

export type LocationInput = LatLon | { county: number | string; town?: string };

/** Referral location to coordinates. Without GPS, the named town in the county, else the county HQ, stands in. */
export function resolveLocation(location: LocationInput): ResolvedLocation {
  if ('lat' in location) return { point: { lat: location.lat, lon: location.lon }, county: countyOf(location), precision: 'gps' };
  const county = findCounty(location.county);
  if (!county) throw new GeographyError('GEOGRAPHY.UNKNOWN_COUNTY', `no county named or numbered ${String(location.county)}`);
  const town = location.town ? placeNamed(location.town, county.code) : undefined;
  if (town?.found) return { point: town.place.point, county, precision: 'town' };
  return { point: county.hq, county, precision: 'county-hq' };
}
