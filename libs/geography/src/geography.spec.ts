import { areaClassOf, COUNTIES, countyOf, distanceBetween, findCounty, placeLabel, resolveLocation } from './geography';
import { countyPrecisionKm, placeNamed, searchPlaces, TOWN_PRECISION_KM } from './places';

// Approximate town coordinates (general knowledge, a few km at most off) chosen to sit near county
// borders, where a polygon-free county lookup is most likely to go wrong.
const BORDER_TOWNS: [string, number, number, string][] = [
  ['Thika', -1.033, 37.069, 'Kiambu'],
  ['Naivasha', -0.717, 36.433, 'Nakuru'],
  ['Nanyuki', 0.017, 37.074, 'Laikipia'],
  ['Malindi', -3.219, 40.117, 'Kilifi'],
  ['Kakuma', 3.717, 34.867, 'Turkana'],
  ['Ruiru', -1.146, 36.961, 'Kiambu'],
  ['Kitengela', -1.473, 36.959, 'Kajiado'],
  ['Athi River', -1.456, 36.978, 'Machakos'],
  ['Webuye', 0.607, 34.771, 'Bungoma'],
  ['Molo', -0.248, 35.732, 'Nakuru'],
  ['Moyale', 3.527, 39.056, 'Marsabit'],
  ['Lokichoggio', 4.204, 34.348, 'Turkana'],
  ['Mwingi', -0.934, 38.06, 'Kitui'],
  ['Ukunda', -4.287, 39.567, 'Kwale'],
  ['Voi', -3.396, 38.556, 'Taita-Taveta'],
  ['Mtwapa', -3.94, 39.74, 'Kilifi'],
  ['Karatina', -0.483, 37.127, 'Nyeri'],
  ['Litein', -0.583, 35.19, 'Kericho'],
  ['Maua', 0.233, 37.94, 'Meru'],
  ['Chuka', -0.333, 37.65, 'Tharaka-Nithi'],
  ['Eldama Ravine', 0.05, 35.72, 'Baringo'],
  ['Emali', -2.08, 37.47, 'Makueni'],
  ['Mariakani', -3.86, 39.47, 'Kilifi'],
  ['Awendo', -0.9, 34.53, 'Migori'],
  ['Bondo', 0.1, 34.27, 'Siaya'],
  ['Mumias', 0.335, 34.49, 'Kakamega'],
  ['Garsen', -2.27, 40.12, 'Tana River'],
  ['Dadaab', 0.05, 40.31, 'Garissa'],
  ['Elwak', 2.8, 40.93, 'Mandera'],
  ['Habaswein', 1.01, 39.49, 'Wajir'],
  ['Kimilili', 0.78, 34.72, 'Bungoma'],
  ['Kikuyu', -1.246, 36.663, 'Kiambu'],
  ['Limuru', -1.11, 36.64, 'Kiambu'],
  ['Ngong', -1.36, 36.66, 'Kajiado'],
  ['Rongai', -1.396, 36.76, 'Kajiado'],
  ['Mlolongo', -1.39, 36.94, 'Machakos'],
  ['Juja', -1.1, 37.01, 'Kiambu'],
  ['Karen', -1.32, 36.71, 'Nairobi'],
  ['Kasarani', -1.22, 36.9, 'Nairobi'],
  ['Embakasi', -1.32, 36.9, 'Nairobi'],
];

describe('Kenya geography', () => {
  it('embeds the 47 counties in constitutional order with plausible data', () => {
    expect(COUNTIES.map((c) => c.code)).toEqual(Array.from({ length: 47 }, (_, i) => i + 1));
    expect(COUNTIES.reduce((sum, c) => sum + c.population2019, 0)).toBe(47_564_296); // KNBS 2019 total
    for (const c of COUNTIES) {
      expect(c.hq.lat).toBeGreaterThan(-5);
      expect(c.hq.lat).toBeLessThan(5.1);
      expect(c.hq.lon).toBeGreaterThan(33.8);
      expect(c.hq.lon).toBeLessThan(42);
    }
  });

  it('puts every county HQ and centroid in its own county', () => {
    for (const c of COUNTIES) {
      expect(countyOf(c.hq).name).toBe(c.name);
      expect(countyOf(c.centroid).name).toBe(c.name);
    }
  });

  it('places at least 30 of 40 border-heavy towns in the right county (documented approximation)', () => {
    const right = BORDER_TOWNS.filter(([, lat, lon, county]) => countyOf({ lat, lon }).name === county);
    expect(right.length).toBeGreaterThanOrEqual(30);
    expect(countyOf({ lat: -3.219, lon: 40.117 }).name).toBe('Kilifi'); // Malindi
    expect(countyOf({ lat: 3.717, lon: 34.867 }).name).toBe('Turkana'); // Kakuma
  });

  it('finds counties by code or by any common spelling', () => {
    expect(findCounty(47)?.name).toBe('Nairobi');
    expect(findCounty('Nairobi City')?.code).toBe(47);
    expect(findCounty('taita/taveta')?.code).toBe(6);
    expect(findCounty('Muranga')?.code).toBe(21);
    expect(findCounty('23')?.name).toBe('Turkana');
    expect(findCounty('Atlantis')).toBeUndefined();
  });

  it('resolves referrals without GPS to the HQ town or county HQ', () => {
    expect(resolveLocation({ county: 'Turkana', town: 'Lodwar' })).toMatchObject({ precision: 'town', county: { code: 23 } });
    expect(resolveLocation({ county: 'Turkana', town: 'Kakuma' })).toMatchObject({
      precision: 'town',
      point: { lat: 3.7136, lon: 34.8572 },
    });
    expect(resolveLocation({ county: 'Turkana', town: 'Nowhere-on-earth' })).toMatchObject({
      precision: 'county-hq',
      point: { lat: 3.1199 },
    });
    expect(resolveLocation({ lat: -1.3, lon: 36.8 })).toMatchObject({ precision: 'gps', county: { name: 'Nairobi' } });
    expect(() => resolveLocation({ county: 'Atlantis' })).toThrow(expect.objectContaining({ code: 'GEOGRAPHY.UNKNOWN_COUNTY' }));
  });

  it('classes places as Nairobi metro, town, rural or remote', () => {
    expect(areaClassOf({ lat: -1.2833, lon: 36.8167 })).toBe('nairobi');
    expect(areaClassOf({ lat: -1.22, lon: 36.9 })).toBe('nairobi'); // Kasarani
    expect(areaClassOf({ lat: 0.5204, lon: 35.2699 })).toBe('town'); // Eldoret
    expect(areaClassOf({ lat: 3.717, lon: 34.867 })).toBe('remote'); // Kakuma, Turkana
    expect(areaClassOf({ lat: 0.335, lon: 34.49 })).toBe('rural'); // Mumias, Kakamega
  });

  it('labels places for ops by nearby HQ town or county', () => {
    expect(placeLabel({ lat: 0.53, lon: 35.28 })).toBe('Eldoret');
    expect(placeLabel({ lat: 3.717, lon: 34.867 })).toBe('Turkana County');
  });
});

describe('places a person would name', () => {
  it('finds Kakuma in Turkana, not at its county HQ', () => {
    const lookup = placeNamed(' kakuma ');
    expect(lookup).toMatchObject({ found: true, place: { name: 'Kakuma', county: { name: 'Turkana' }, precisionKm: TOWN_PRECISION_KM } });
    if (lookup.found) expect(distanceBetween(lookup.place.point, findCounty('Turkana')!.hq)).toBeGreaterThan(80);
  });

  it('says where a town is when the county given is another', () => {
    expect(placeNamed('Kakuma', 10)).toMatchObject({ found: false, reason: 'elsewhere', counties: [{ name: 'Turkana' }] });
  });

  it('asks for the county when a name is in several counties, and widens the precision for two places in one', () => {
    expect(placeNamed('Makutano')).toMatchObject({ found: false, reason: 'ambiguous' });
    const bondo = placeNamed('Bondo', findCounty('Siaya')!.code);
    expect(bondo.found && bondo.place.precisionKm).toBeGreaterThan(20);
  });

  it('knows every county HQ town in its own county', () => {
    for (const county of COUNTIES)
      expect(placeNamed(county.hqTown, county.code)).toMatchObject({ found: true, place: { county: { code: county.code } } });
  });

  it('does not know a made-up name', () => expect(placeNamed('Atlantis')).toEqual({ found: false, reason: 'unknown' }));

  it('suggests places by their first letters, in order, up to the limit', () => {
    expect(searchPlaces('kaku').map((place) => place.name)).toContain('Kakuma');
    expect(searchPlaces('ka', 3)).toHaveLength(3);
    expect(searchPlaces('  ')).toEqual([]);
    const names = searchPlaces('ma', 50).map((place) => place.name.toLowerCase().replace(/[^a-z0-9]/g, ''));
    expect(names.every((name) => name.startsWith('ma'))).toBe(true);
    expect([...names].sort()).toEqual(names);
  });

  it('gives a county HQ a precision as wide as the county', () => {
    expect(countyPrecisionKm(findCounty('Turkana')!)).toBeGreaterThan(100);
    expect(countyPrecisionKm(findCounty('Mombasa')!)).toBeLessThan(10);
  });
});
