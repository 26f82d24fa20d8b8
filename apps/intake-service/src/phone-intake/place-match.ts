import { placeNamed, searchPlaces, type County } from '@haki/geography';
import { allowedSlips, editDistance } from './edit-distance';
import { letterKey } from './county-match';

// The town or village a referrer names, forgiving of a slip or two, in the same places list the
// request validator checks a town against: a name found here is a name it accepts.

export type PlaceMatch =
  | { kind: 'found'; name: string; county: County }
  /** The place is known, but only in other counties than the one given. */
  | { kind: 'elsewhere'; name: string; counties: County[] }
  /** Known in several counties and no county given to choose by. */
  | { kind: 'ambiguous'; name: string; counties: County[] }
  | { kind: 'unknown' };

/** Every place list entry sharing the first letter (people rarely slip on the first one): few enough to compare. */
const MAX_PLACES_PER_LETTER = 1000;

export function matchPlace(typed: string, countyCode?: number): PlaceMatch {
  const exact = lookUp(typed, countyCode);
  if (exact.kind !== 'unknown') return exact;
  const key = letterKey(typed);
  const slips = allowedSlips(key.length);
  if (slips === 0) return exact;
  const near = searchPlaces(key[0]!, MAX_PLACES_PER_LETTER)
    .filter((place) => countyCode === undefined || place.county.code === countyCode)
    .map((place) => ({ name: place.name, distance: editDistance(key, letterKey(place.name)) }))
    .filter((place) => place.distance <= slips)
    .sort((a, b) => a.distance - b.distance);
  const names = [...new Set(near.filter((place) => place.distance === near[0]?.distance).map((place) => place.name))];
  // Two places equally near: the typed name stands, unmatched, rather than a guess.
  return names.length === 1 ? lookUp(names[0]!, countyCode) : exact;
}

function lookUp(name: string, countyCode?: number): PlaceMatch {
  const lookup = placeNamed(name, countyCode);
  if (lookup.found) return { kind: 'found', name: lookup.place.name, county: lookup.place.county };
  if (lookup.reason === 'unknown') return { kind: 'unknown' };
  return { kind: lookup.reason, name: name.trim(), counties: lookup.counties };
}
