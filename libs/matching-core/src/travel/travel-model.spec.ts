import fc from 'fast-check';
import { AREA_CLASSES } from '@haki/geography';
import { estimateTrip, formatDuration, minTripMinutes } from './travel-model';

describe('Kenya travel-time model', () => {
  it('gives plausible road times for known trips', () => {
    // Eldoret → Lodwar is ~380 km by road (A1 via Kitale), a 6–7 h drive; ~291 km straight line.
    const eldoretLodwar = estimateTrip(291, 'town', 'town');
    expect(eldoretLodwar.roadKm).toBeGreaterThan(330);
    expect(eldoretLodwar.roadKm).toBeLessThan(420);
    expect(eldoretLodwar.minutes / 60).toBeGreaterThan(4.5);
    expect(eldoretLodwar.minutes / 60).toBeLessThan(8);
    // Across Nairobi (10 km straight) takes longer than 10 km in a county town.
    expect(estimateTrip(10, 'nairobi', 'nairobi').minutes).toBeGreaterThan(estimateTrip(10, 'town', 'town').minutes);
    // The last 50 km to a remote site are slower than to a rural one.
    expect(estimateTrip(300, 'town', 'remote').minutes).toBeGreaterThan(estimateTrip(300, 'town', 'rural').minutes);
  });

  it('is monotone in distance and bounded below by minTripMinutes (what the search pruning relies on)', () => {
    const cls = fc.constantFrom(...AREA_CLASSES);
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 2000, noNaN: true }),
        fc.double({ min: 0, max: 500, noNaN: true }),
        cls,
        cls,
        (km, extra, from, to) => {
          expect(estimateTrip(km + extra, from, to).minutes).toBeGreaterThanOrEqual(estimateTrip(km, from, to).minutes);
          expect(estimateTrip(km, from, to).minutes).toBeGreaterThanOrEqual(minTripMinutes(km, to) - 1e-9);
          expect(minTripMinutes(km + extra, to)).toBeGreaterThanOrEqual(minTripMinutes(km, to));
        },
      ),
    );
  });

  it('formats durations for ops', () => {
    expect(formatDuration(45)).toBe('45 min');
    expect(formatDuration(220)).toBe('3 h 40 min');
    expect(formatDuration(120)).toBe('2 h');
  });
});
