import { COUNTIES, type County } from '@haki/geography';
import { letterKey, nearCounties } from './county-match';
import { matchPlace } from './place-match';
import { PLACE_NAMES_THAT_ARE_WORDS } from './sms-keywords';
import type { Token } from './sms-tokens';

// Where an SMS says it happened: a county and perhaps a town, in either order, in the words given
// (the opening words of a referral, or a whole reply), a county's name misspelt or a town standing
// in for it.

/** The place words of a message: a county, or the counties it may mean, and a town. */
export interface PlaceSaid {
  countyCode?: number;
  /** Counties the message may mean, when it names no single one. */
  counties?: number[];
  town?: string;
}

/** A county named in these words: exactly (two words for "Tana River"), then with a slip or two. */
function countiesNamed(tokens: readonly Token[], indexes: readonly number[], forgiving: boolean): { counties: County[]; used: number[] } {
  for (const width of [2, 1]) {
    for (const at of indexes) {
      const window = Array.from({ length: width }, (_, offset) => at + offset);
      if (!window.every((index) => indexes.includes(index))) continue;
      const key = window.map((index) => tokens[index]!.word).join('');
      const county = COUNTIES.find((candidate) => letterKey(candidate.name) === letterKey(key) || distinctiveWord(candidate) === key);
      if (county) return { counties: [county], used: window };
    }
  }
  if (forgiving) {
    for (const at of indexes) {
      const word = tokens[at]!.word;
      if (word.length < 4 || /\d/.test(word)) continue;
      const near = nearCounties(letterKey(word), false);
      if (near.length > 0) return { counties: near, used: [at] };
    }
  }
  return { counties: [], used: [] };
}

/** "POKOT" alone is West Pokot: the part of a two-word name nobody else has, when long enough to be safe. */
function distinctiveWord(county: County): string | undefined {
  const words = county.name
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((word) => word.length >= 5 && !['river', 'city'].includes(word));
  return words.length > 0 && county.name.includes(' ') ? words.at(-1) : undefined;
}

/** A town or village named in these words, exactly or with a slip, in `countyCode` when known. */
function placeNamedIn(tokens: readonly Token[], indexes: readonly number[], countyCode?: number) {
  for (const width of [3, 2, 1]) {
    for (const at of indexes) {
      const window = Array.from({ length: width }, (_, offset) => at + offset);
      if (!window.every((index) => indexes.includes(index))) continue;
      const name = window.map((index) => tokens[index]!.word).join(' ');
      if (PLACE_NAMES_THAT_ARE_WORDS.has(name) || letterKey(name).length < 3) continue;
      const match = matchPlace(name, countyCode);
      if (match.kind !== 'unknown') return match;
    }
  }
  return undefined;
}

/**
 * The place said in the words at `placeWords`. With `wholeText`, a county named exactly anywhere in
 * the message counts when the place words name none ("… died in Kisumu").
 */
export function placeOf(tokens: readonly Token[], placeWords: readonly number[], wholeText: boolean): PlaceSaid {
  let named = countiesNamed(tokens, placeWords, true);
  if (named.counties.length === 0 && wholeText)
    named = countiesNamed(
      tokens,
      tokens.map((_, index) => index),
      false,
    );
  const countyCode = named.counties.length === 1 ? named.counties[0]!.code : undefined;
  const place = placeNamedIn(
    tokens,
    placeWords.filter((index) => !named.used.includes(index)),
    countyCode,
  );
  // The county named wins over a town elsewhere, which stays in the narrative for staff to see.
  if (place?.kind === 'found' && (countyCode === undefined || place.county.code === countyCode)) {
    return { countyCode: place.county.code, town: place.name };
  }
  // A town in several counties is kept until the county is known, which picks the one meant.
  if (place?.kind === 'ambiguous' && countyCode === undefined)
    return { town: place.name, counties: place.counties.map((county) => county.code) };
  if (countyCode !== undefined) return { countyCode };
  return named.counties.length > 1 ? { counties: named.counties.map((county) => county.code) } : {};
}
