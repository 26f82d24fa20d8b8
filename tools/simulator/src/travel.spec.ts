import { KENYA_ROAD_NODES, KENYA_ROAD_SEGMENTS, RoadNetwork } from '@haki/matching-core';
import { findCounty } from '@haki/geography';
import { Rng } from './random';
import { RoadTrips, SiteTrips } from './travel';

describe('road trips', () => {
  const network = RoadNetwork.build(KENYA_ROAD_NODES, KENYA_ROAD_SEGMENTS);
  const fast = new RoadTrips(network);

  it('equals RoadNetwork.trip on random pairs across Kenya (the fast path is the same arithmetic)', () => {
    const rng = new Rng(17);
    const point = () => ({ lat: rng.between(-4.6, 4.9), lon: rng.between(33.95, 41.85) });
    for (let i = 0; i < 400; i++) {
      const [a, b] = [point(), point()];
      const slow = network.trip(a, b);
      const quick = fast.trip(a, b);
      expect(quick.minutes).toBeCloseTo(slow.minutes, 6);
      expect(quick.roadKm).toBeCloseTo(slow.km, 6);
    }
  });

  it('drives Lodwar → Marsabit around Lake Turkana, not across it', () => {
    const lodwar = findCounty('Turkana')!.hq;
    const marsabit = findCounty('Marsabit')!.hq;
    const straightKm = 270;
    const t = fast.trip(lodwar, marsabit);
    expect(t.roadKm).toBeGreaterThan(2.5 * straightKm);
    expect(t.minutes / 60).toBeGreaterThan(10);
  });

  it('caches per (home, site) and reuses rows for a roster with people appended', () => {
    const sites = [findCounty('Nairobi')!.hq, findCounty('Kisumu')!.hq];
    const table = new SiteTrips(sites);
    const home = findCounty('Nakuru')!.hq;
    const first = table.trip(home, 1);
    expect(table.trip({ ...home }, 1)).toEqual(first);
    expect(first).toEqual(fast.trip(home, sites[1]!));
  });
});
