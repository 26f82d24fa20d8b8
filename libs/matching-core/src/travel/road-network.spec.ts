import fc from 'fast-check';
import { distanceKm } from '@haki/geography';
import { KENYA_ROAD_NODES, KENYA_ROAD_SEGMENTS } from './kenya-roads.data';
import { crossesLake, RoadNetwork, type RoadNode, type RoadSegment } from './road-network';

// A toy north: Lodwar and Kalokol on the lake's west shore, Loiyangalani on the east, joined only the
// long way round through Maralal (no road crosses the lake).
const NODES: RoadNode[] = [
  { id: 'lodwar', name: 'Lodwar', lat: 3.119, lon: 35.597 },
  { id: 'kalokol', name: 'Kalokol', lat: 3.55, lon: 35.917 },
  { id: 'loiyangalani', name: 'Loiyangalani', lat: 2.763, lon: 36.717 },
  { id: 'maralal', name: 'Maralal', lat: 1.097, lon: 36.698 },
  { id: 'marsabit', name: 'Marsabit', lat: 2.334, lon: 37.99 },
];
const SEGMENTS: RoadSegment[] = [
  { from: 'lodwar', to: 'kalokol', km: 75, surface: 'paved' },
  { from: 'lodwar', to: 'maralal', km: 330, surface: 'unpaved' },
  { from: 'maralal', to: 'loiyangalani', km: 235, surface: 'unpaved' },
  { from: 'loiyangalani', to: 'marsabit', km: 230, surface: 'unpaved' },
];

describe('the road network', () => {
  const network = RoadNetwork.build(NODES, SEGMENTS);

  it('finds the fastest road between nodes, around the lake', () => {
    expect(network.connected()).toBe(true);
    const around = network.between('kalokol', 'loiyangalani');
    expect(around.km).toBe(75 + 330 + 235);
    expect(around.minutes).toBeCloseTo((75 / 70 + 565 / 35) * 60, 6);
    expect(network.between('loiyangalani', 'kalokol')).toEqual(around);
  });

  it('never takes an access leg across the lake, and drives short local trips directly', () => {
    // 90 km across the water from Kalokol, but the trip goes round by Maralal.
    const trip = network.trip({ lat: 3.5, lon: 35.95 }, { lat: 2.8, lon: 36.7 });
    expect(trip.via).toEqual(['kalokol', 'loiyangalani']);
    expect(trip.km).toBeGreaterThan(600);
    const local = network.trip({ lat: 3.12, lon: 35.6 }, { lat: 3.2, lon: 35.65 });
    expect(local.via).toEqual([]);
    expect(local.minutes).toBeLessThan(60);
  });

  it('tells a line across the lake from one along its shore', () => {
    expect(crossesLake({ lat: 3.55, lon: 35.917 }, { lat: 2.763, lon: 36.717 })).toBe(true);
    expect(crossesLake({ lat: 3.119, lon: 35.597 }, { lat: 3.55, lon: 35.917 })).toBe(false);
    expect(crossesLake({ lat: 2.763, lon: 36.717 }, { lat: 2.334, lon: 37.99 })).toBe(false);
  });

  it('refuses a segment to an unknown node, a non-positive length or an unknown surface, and reports a split network', () => {
    expect(() => RoadNetwork.build(NODES, [{ from: 'lodwar', to: 'nowhere', km: 10, surface: 'paved' }])).toThrow(
      /road segment lodwar–nowhere/,
    );
    expect(() => RoadNetwork.build(NODES, [{ from: 'lodwar', to: 'kalokol', km: 0, surface: 'paved' }])).toThrow(/positive length/);
    expect(() => RoadNetwork.build(NODES, [{ from: 'lodwar', to: 'kalokol', km: 5, surface: 'gravel' as never }])).toThrow(/known surface/);
    expect(RoadNetwork.build(NODES, SEGMENTS.slice(0, 2)).connected()).toBe(false);
  });
});

describe("Kenya's trunk roads (data/roads)", () => {
  const kenya = RoadNetwork.build(KENYA_ROAD_NODES, KENYA_ROAD_SEGMENTS);
  const at = (id: string) => KENYA_ROAD_NODES.find((node) => node.id === id)!;

  it('reaches every town from every other', () => {
    expect(kenya.connected()).toBe(true);
  });

  it('takes Lodwar to Marsabit round the lake, not across it', () => {
    const trip = kenya.trip(at('lodwar'), at('marsabit'));
    expect(trip.km).toBeGreaterThan(900); // about 350 km straight across the water
    expect(trip.minutes / 60).toBeGreaterThan(12);
  });
});

describe('access legs', () => {
  const kenya = RoadNetwork.build(KENYA_ROAD_NODES, KENYA_ROAD_SEGMENTS);
  /** The plain scan the latitude sweep replaces: the three nearest nodes not across the lake, ties to the lower index. */
  const scan = (point: { lat: number; lon: number }) =>
    KENYA_ROAD_NODES.map((node, index) => ({ index, km: distanceKm(point.lat, point.lon, node.lat, node.lon), node }))
      .filter(({ node }) => !crossesLake(point, node))
      .sort((a, b) => a.km - b.km || a.index - b.index)
      .slice(0, 3)
      .map(({ index }) => index);

  it('property: the latitude sweep finds exactly the nodes a scan of every node finds', () => {
    const point = fc.oneof(
      fc.record({ lat: fc.double({ min: -4.8, max: 5.2, noNaN: true }), lon: fc.double({ min: 33.8, max: 42, noNaN: true }) }),
      fc.constantFrom(...KENYA_ROAD_NODES.map(({ lat, lon }) => ({ lat, lon }))), // on a node: ties at distance 0
    );
    fc.assert(
      fc.property(point, (p) => expect(kenya.accessLegs(p).map((leg) => leg.node)).toEqual(scan(p))),
      { numRuns: 2000 },
    );
  });
});
