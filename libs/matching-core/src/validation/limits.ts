import type { FieldPath, Problem } from './problem';
import { show } from './problem';

/**
 * Where a home base or a referral site may be: Kenya's extent (about 4.7°S–5.0°N, 33.9°E–41.9°E) with
 * about half a degree of margin for border towns and rounding. It is a sanity check, not a border: a
 * point outside it is a typo, swapped coordinates or a place abroad, and the travel model, area classes
 * and county lookup (nearest Kenyan county) would silently make something up for it. The platform's own
 * schemas (referral coarse location, roster admin) accept a slightly smaller box, so anything they let
 * through passes here.
 */
export const KENYA_BOUNDS = { minLat: -5.5, maxLat: 5.5, minLon: 33.0, maxLon: 42.5 } as const;

/**
 * Largest count the compiled roster stores. capacity, openCases and the offer statistics live in
 * Int32Arrays: a larger value would wrap (2^31 reads as a negative number, 2^32 as 0, so a professional
 * with a huge caseload would look idle and rank first). No real count comes near it.
 */
export const MAX_ROSTER_COUNT = 2 ** 31 - 1;

/** A whole number in [min, max]: the counts held in Int32Arrays. */
export function countProblem(path: FieldPath, value: unknown, min = 0, max = MAX_ROSTER_COUNT): Problem | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value)) return { path, reason: `must be a whole number (got ${show(value)})` };
  if (value < min) return { path, reason: `must be at least ${min} (got ${value})` };
  if (value > max) return { path, reason: `must be at most ${max} (got ${value})` };
  return undefined;
}

/** A finite number of at least `min` (minutes, km): NaN and ±Infinity never compare as the ranking expects. */
export function finiteProblem(path: FieldPath, value: unknown, min = 0): Problem | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return { path, reason: `must be a finite number (got ${show(value)})` };
  if (value < min) return { path, reason: `must be at least ${min} (got ${value})` };
  return undefined;
}

/** Coordinates inside KENYA_BOUNDS (finite first: NaN fails every comparison and would pass a plain range check). */
export function pointProblem(path: FieldPath, point: unknown): Problem | undefined {
  if (point === null || typeof point !== 'object') return { path, reason: `must be { lat, lon } (got ${show(point)})` };
  const { lat, lon } = point as { lat?: unknown; lon?: unknown };
  const { minLat, maxLat, minLon, maxLon } = KENYA_BOUNDS;
  for (const [key, value, min, max] of [
    ['lat', lat, minLat, maxLat],
    ['lon', lon, minLon, maxLon],
  ] as const) {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      return { path: [...path, key], reason: `must be a finite number (got ${show(value)})` };
    }
    if (value < min || value > max) return { path: [...path, key], reason: `${value} is outside Kenya (${min} to ${max})` };
  }
  return undefined;
}
