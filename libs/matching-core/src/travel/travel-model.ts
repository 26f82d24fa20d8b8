import type { AreaClass } from '@haki/geography';

/**
 * Kenya road travel-time model: great-circle distance → estimated door-to-door driving minutes.
 *
 * A trip is split into an access leg at each end, driven at the speed of that end's area class, and a
 * trunk leg in between at inter-county highway speed. Each leg's road length is its straight-line
 * length × a detour index (how much longer the road is than the crow flies).
 *
 * The constants are ASSUMPTIONS to be calibrated against real trip logs, not measurements:
 * - Detour indices of 1.2–1.4 are typical of national road networks in the literature on "circuity"
 *   (e.g. Ballou et al. 2002; Boscoe et al. 2012 report ~1.2–1.4 for road vs. straight-line distance);
 *   rural and remote Kenya are set higher (1.5–1.6) because the network is sparse and roads follow
 *   terrain (Kerio Valley escarpment, Lake Turkana basin).
 * - Nairobi 18 km/h: peak-hour averages of 10–25 km/h are commonly reported for Nairobi (congestion on
 *   Mombasa Rd, Thika Rd, Waiyaki Way); off-peak is faster, so this leans pessimistic.
 * - Town 30 km/h: town streets, matatu stages, speed bumps.
 * - Rural 40 km/h: mixed tarmac and murram with settlements; remote 30 km/h: murram/gravel, seasonal
 *   river crossings (the rainy seasons can halve this; not modelled).
 * - Highway 65 km/h average on A-roads (legal limit 80–110 km/h, less trucks, climbing lanes, town
 *   slow-downs and police checks).
 * Flights (e.g. Nairobi→Lodwar) are not modelled: every trip is by road.
 */
export interface LegProfile {
  /** Road km per straight-line km. */
  detour: number;
  speedKmh: number;
  /** Straight-line km of the trip, at each end, driven under this profile before the highway. */
  accessKm: number;
}

export interface TravelModel {
  classes: Record<AreaClass, LegProfile>;
  highway: { detour: number; speedKmh: number };
}

export const KENYA_TRAVEL_MODEL: TravelModel = {
  classes: {
    nairobi: { detour: 1.4, speedKmh: 18, accessKm: 15 },
    town: { detour: 1.3, speedKmh: 30, accessKm: 4 },
    rural: { detour: 1.5, speedKmh: 40, accessKm: 25 },
    remote: { detour: 1.6, speedKmh: 30, accessKm: 60 },
  },
  highway: { detour: 1.25, speedKmh: 65 },
};

export interface TripEstimate {
  minutes: number;
  roadKm: number;
}

/** Driving minutes for a straight-line distance between places with these leg profiles. Allocation-free (hot loop). */
export function tripMinutes(km: number, a: LegProfile, b: LegProfile, highway: TravelModel['highway']): number {
  const accessA = Math.min(km / 2, a.accessKm);
  const accessB = Math.min(km / 2, b.accessKm);
  return (
    60 *
    ((accessA * a.detour) / a.speedKmh + (accessB * b.detour) / b.speedKmh + ((km - accessA - accessB) * highway.detour) / highway.speedKmh)
  );
}

/** Estimated road km for the same trip. */
export function tripRoadKm(km: number, a: LegProfile, b: LegProfile, highway: TravelModel['highway']): number {
  const accessA = Math.min(km / 2, a.accessKm);
  const accessB = Math.min(km / 2, b.accessKm);
  return accessA * a.detour + accessB * b.detour + (km - accessA - accessB) * highway.detour;
}

/** Driving estimate for a straight-line distance between places of the given classes. */
export function estimateTrip(km: number, from: AreaClass, to: AreaClass, model: TravelModel = KENYA_TRAVEL_MODEL): TripEstimate {
  const [a, b] = [model.classes[from], model.classes[to]];
  return { minutes: tripMinutes(km, a, b, model.highway), roadKm: tripRoadKm(km, a, b, model.highway) };
}

/**
 * Fewest minutes any origin class could need to cover `km` to a destination of class `to`. Monotone in
 * `km`, so the ranking can stop widening its search radius once this exceeds the k-th best score.
 */
export function minTripMinutes(km: number, to: AreaClass, model: TravelModel = KENYA_TRAVEL_MODEL): number {
  let best = Infinity;
  for (const from of Object.keys(model.classes) as AreaClass[]) best = Math.min(best, estimateTrip(km, from, to, model).minutes);
  return best;
}

/** "3 h 40 min" */
export function formatDuration(minutes: number): string {
  const m = Math.round(minutes);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 === 0 ? `${h} h` : `${h} h ${m % 60} min`;
}
