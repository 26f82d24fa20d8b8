import { KENYA_ROAD_NODES, KENYA_ROAD_SEGMENTS, RoadNetwork } from '@haki/matching-core';
import { findCounty } from '@haki/geography';
import { Rng } from './random';
import { SiteTrips } from './travel';

describe('road trips', () => {
  const network = RoadNetwork.build(KENYA_ROAD_NODES, KENYA_ROAD_SEGMENTS);
  const trip = (from: { lat: number; lon: number }, to: { lat: number; lon: number }) => {
    const t = network.trip(from, to);
    return { minutes: t.minutes, roadKm: t.km };
  };

  it('equals RoadNetwork.trip on random pairs across Kenya (the table per site is the same arithmetic)', () => {
    const rng = new Rng(17);
    const point = () => ({ lat: rng.between(-4.6, 4.9), lon: rng.between(33.95, 41.85) });
    const homes = Array.from({ length: 40 }, point);
    const sites = Array.from({ length: 10 }, point);
    const table = new SiteTrips(sites);
    for (const home of homes) sites.forEach((site, s) => expect(table.trip(home, s)).toEqual(trip(home, site)));
  });

  it('drives Lodwar → Marsabit around Lake Turkana, not across it', () => {
    const lodwar = findCounty('Turkana')!.hq;
    const marsabit = findCounty('Marsabit')!.hq;
    const straightKm = 270;
    const t = trip(lodwar, marsabit);
    expect(t.roadKm).toBeGreaterThan(2.5 * straightKm);
    expect(t.minutes / 60).toBeGreaterThan(10);
  });

  it('caches per (home, site) and reuses rows for a roster with people appended', () => {
    const sites = [findCounty('Nairobi')!.hq, findCounty('Kisumu')!.hq];
    const table = new SiteTrips(sites);
    const home = findCounty('Nakuru')!.hq;
    const first = table.trip(home, 1);
    expect(table.trip({ ...home }, 1)).toEqual(first);
    expect(first).toEqual(trip(home, sites[1]!));
  });
});
