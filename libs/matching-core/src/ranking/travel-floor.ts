import type { Destination, RoadNetwork } from '../travel/road-network';

// Distance bins: every 0.5 km up to 50 km (the dense cities), then 3% wider each, past Kenya's diagonal.
const FINE_KM = 0.5;
const FINE_BINS = 100;
const GROWTH = 1.03;
const LOG_GROWTH = Math.log(GROWTH);
const BINS = FINE_BINS + Math.ceil(Math.log(2000 / (FINE_KM * FINE_BINS)) / LOG_GROWTH);
const binStartKm = (bin: number) => (bin < FINE_BINS ? bin * FINE_KM : FINE_KM * FINE_BINS * GROWTH ** (bin - FINE_BINS));
// Search distances are equirectangular, the road network's are great-circle: within 0.5% of each other
// in Kenya, so distances are taken 1% short before the lookup to keep the floor a true lower bound.
const GRID_TO_GREAT_CIRCLE = 0.99;

/**
 * The fewest road minutes from anywhere at least `km` (straight line) from one site, for the search's
 * bounds: RoadNetwork.minutesFloor at the start of the distance's bin (the floor grows with distance, so
 * the bin's start is a lower bound for the whole bin). Bins are filled on first use, since a query in a
 * city only ever asks about its first few kilometres. One instance is reused by every query.
 */
export class TravelFloor {
  private readonly minutes = new Float64Array(BINS);
  private roads!: RoadNetwork;
  private site!: Destination;

  reset(roads: RoadNetwork, site: Destination): this {
    this.roads = roads;
    this.site = site;
    this.minutes.fill(NaN);
    return this;
  }

  at(km: number): number {
    const d = km * GRID_TO_GREAT_CIRCLE;
    const fine = d / FINE_KM;
    const bin = fine < FINE_BINS ? Math.floor(fine) : Math.min(BINS - 1, FINE_BINS + Math.floor(Math.log(fine / FINE_BINS) / LOG_GROWTH));
    let floor = this.minutes[bin] as number;
    if (Number.isNaN(floor)) this.minutes[bin] = floor = this.roads.minutesFloor(this.site, binStartKm(bin));
    return floor;
  }
}
