import { COUNTIES, findCounty, type County } from '@haki/geography';
import { allowedSlips, editDistance } from './edit-distance';

// How a referrer on a basic phone names a county: its number from a printed card, the first letters
// of its name (a USSD screen cannot list 47 counties), or the whole name, perhaps misspelt.

export type CountyMatch = { kind: 'one'; county: County } | { kind: 'several'; counties: County[] } | { kind: 'none' };

/** Letters only, lower case: "Murang'a", "MURANGA" and "muranga " are one key. */
export const letterKey = (text: string): string => text.toLowerCase().replace(/[^a-z]/g, '');

const byName = [...COUNTIES].sort((a, b) => a.name.localeCompare(b.name));
/** Each word of a county's name, so "POKOT" finds West Pokot and "GISHU" Uasin Gishu. */
const wordsOf = (county: County) =>
  county.name
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);

const result = (counties: County[]): CountyMatch =>
  counties.length === 0 ? { kind: 'none' } : counties.length === 1 ? { kind: 'one', county: counties[0]! } : { kind: 'several', counties };

/**
 * The county or counties `typed` may mean, forgiving first: the code (1-47), the exact name, names
 * or name-words starting with the letters typed, then names a slip or two away (whole names, or
 * their opening letters, so "TRU" still reaches Turkana). Several matches come back alphabetically,
 * for a pick list.
 */
export function matchCounty(typed: string): CountyMatch {
  const trimmed = typed.trim();
  if (/^\d{1,2}$/.test(trimmed)) {
    const county = findCounty(Number(trimmed));
    return county ? { kind: 'one', county } : { kind: 'none' };
  }
  const key = letterKey(trimmed);
  if (key.length === 0) return { kind: 'none' };
  const exact = byName.find((county) => letterKey(county.name) === key);
  if (exact) return { kind: 'one', county: exact };
  const starting = byName.filter(
    (county) => letterKey(county.name).startsWith(key) || wordsOf(county).some((word) => word.startsWith(key)),
  );
  if (starting.length > 0) return result(starting);
  return result(nearCounties(key, true));
}

/**
 * Counties whose name is within a slip or two of `key`. With `asPrefix`, the opening letters of a name
 * count too (what a USSD user types); a free-text SMS compares whole names only, so that an ordinary
 * word is not read as a county.
 */
export function nearCounties(key: string, asPrefix: boolean): County[] {
  // Two letters with a slip in them could be half the map: a USSD user gets the question again instead.
  const slips = asPrefix && key.length >= 3 ? Math.max(1, allowedSlips(key.length)) : allowedSlips(key.length);
  if (slips === 0) return [];
  const scored = byName.map((county) => {
    const candidates = [letterKey(county.name), ...wordsOf(county).filter((word) => word.length >= 4)];
    if (asPrefix) candidates.push(letterKey(county.name).slice(0, key.length));
    return { county, distance: Math.min(...candidates.map((candidate) => editDistance(key, candidate))) };
  });
  const best = Math.min(...scored.map((entry) => entry.distance));
  return best <= slips ? scored.filter((entry) => entry.distance === best).map((entry) => entry.county) : [];
}
