import { allowedSlips, editDistance } from './edit-distance';
import { matchCounty, nearCounties } from './county-match';
import { matchPlace } from './place-match';

const names = (match: ReturnType<typeof matchCounty>) =>
  match.kind === 'one' ? [match.county.name] : match.kind === 'several' ? match.counties.map((county) => county.name) : [];

describe('editDistance', () => {
  it.each([
    ['turkana', 'turkana', 0],
    ['turkna', 'turkana', 1],
    ['trukana', 'turkana', 1], // a swap of neighbours is one slip
    ['garisa', 'garissa', 1],
    ['kisumu', 'kisii', 3],
    ['', 'embu', 4],
  ])('%s → %s is %i', (a, b, expected) => expect(editDistance(a, b)).toBe(expected));

  it('allows no slip in short words, one up to five letters, two beyond', () => {
    expect([3, 4, 5, 6, 9].map(allowedSlips)).toEqual([0, 1, 1, 2, 2]);
  });
});

describe('matchCounty', () => {
  it.each([
    ['23', ['Turkana']],
    ['47', ['Nairobi']],
    ['TUR', ['Turkana']],
    ['turkana', ['Turkana']],
    ["MURANG'A", ["Murang'a"]],
    ['muranga', ["Murang'a"]],
    ['tana river', ['Tana River']],
    ['pokot', ['West Pokot']],
    ['gishu', ['Uasin Gishu']],
    ['Trukana', ['Turkana']],
    ['garisa', ['Garissa']],
    ['KIS', ['Kisii', 'Kisumu']],
    ['TRU', ['Trans-Nzoia', 'Turkana']],
    ['MA', ['Elgeyo-Marakwet', 'Machakos', 'Makueni', 'Mandera', 'Marsabit']],
    ['0', []],
    ['48', []],
    ['QQQ', []],
    ['  ', []],
  ])('%s means %j', (typed, expected) => expect(names(matchCounty(typed))).toEqual(expected));

  it('in free text, compares whole names only and no word under four letters', () => {
    expect(nearCounties('tur', false)).toEqual([]);
    expect(nearCounties('and', false)).toEqual([]);
    // "kitu" (Swahili: a thing) is a slip from Kitui: why an SMS looks for a county only in its opening words.
    expect(nearCounties('kitu', false).map((county) => county.name)).toEqual(['Kitui']);
  });
});

describe('matchPlace', () => {
  it('finds a town in its county, with a slip, and says when it is elsewhere or unknown', () => {
    expect(matchPlace('KAKUMA', 23)).toMatchObject({ kind: 'found', name: 'Kakuma' });
    expect(matchPlace('kakma', 23)).toMatchObject({ kind: 'found', name: 'Kakuma' });
    expect(matchPlace('lodwar')).toMatchObject({ kind: 'found', name: 'Lodwar', county: { code: 23 } });
    expect(matchPlace('Kakuma', 42)).toMatchObject({ kind: 'elsewhere', counties: [{ name: 'Turkana' }] });
    expect(matchPlace('Karuri')).toMatchObject({ kind: 'ambiguous' });
    expect(matchPlace('Nowhereville', 23)).toEqual({ kind: 'unknown' });
  });
});
