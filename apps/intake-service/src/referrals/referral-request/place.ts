import { countyOf, countyPrecisionKm, findCounty, placeNamed, type County, type LatLon } from '@haki/geography';

/** Where a referral's point came from, best first: coordinates, a named town, or the county HQ standing in. */
export type PlaceUsed = 'gps' | 'town' | 'county-hq';

export interface ResolvedPlace {
  county: County;
  point: LatLon;
  used: PlaceUsed;
  /** What the worker reads back: "Kakuma, Turkana County". */
  label: string;
  /** How far the point may be from the real place, in km. */
  precisionKm: number;
}

interface PlaceFields {
  county?: string | number;
  town?: string;
  location?: LatLon;
}

/** GPS from a phone is good to tens of metres: a tenth of a kilometre, said plainly. */
const GPS_PRECISION_KM = 0.1;
const list = (counties: County[]) => counties.map((county) => county.name).join(', ');

/** The one thing wrong with the place fields, in the worker's terms, or undefined. Run by the schema. */
export function placeProblem(fields: PlaceFields): { field: string; reason: string } | undefined {
  const county = fields.county === undefined ? undefined : findCounty(fields.county);
  if (fields.town === undefined || (fields.county !== undefined && !county)) return undefined; // the county's own error says it
  const lookup = placeNamed(fields.town, county?.code);
  if (lookup.found) return undefined;
  if (lookup.reason === 'elsewhere')
    return { field: 'town', reason: `${fields.town} is in ${list(lookup.counties)} County, not ${county!.name}` };
  if (lookup.reason === 'ambiguous' && !fields.location) {
    return { field: 'town', reason: `there are places called ${fields.town} in ${list(lookup.counties)}: give the county` };
  }
  if (lookup.reason === 'unknown' && !county && !fields.location) {
    return { field: 'town', reason: 'is not a town we know: give the county too (its HQ stands in), or GPS' };
  }
  return undefined;
}

/**
 * The point to rank from, the best one given: GPS, else the named town, else the county HQ. The county
 * named by staff wins over the one a point falls in (they know the place; countyOf is approximate).
 * Expects fields that passed placeProblem.
 */
export function resolvePlace(fields: PlaceFields): ResolvedPlace {
  const named = fields.county === undefined ? undefined : findCounty(fields.county);
  const town = fields.town === undefined ? undefined : placeNamed(fields.town, named?.code);
  const townPlace = town?.found ? town.place : undefined;
  if (fields.location) {
    const county = named ?? townPlace?.county ?? countyOf(fields.location);
    return { county, point: fields.location, used: 'gps', label: `GPS point, ${county.name} County`, precisionKm: GPS_PRECISION_KM };
  }
  if (townPlace) {
    const { county, point, name, precisionKm } = townPlace;
    return { county, point, used: 'town', label: `${name}, ${county.name} County`, precisionKm };
  }
  const county = named!;
  return {
    county,
    point: county.hq,
    used: 'county-hq',
    label: `${county.hqTown} (HQ of ${county.name} County)`,
    precisionKm: countyPrecisionKm(county),
  };
}
