import type { z } from 'zod';

/** Where in an input a value sits: object keys and list positions, e.g. ['timeOff', 1, 'to']. */
export type FieldPath = readonly PropertyKey[];

/** The first rule an input breaks: which field, and why. Validators return one instead of throwing, so callers pick the code. */
export interface Problem {
  path: FieldPath;
  reason: string;
}

/** ['timeOff', 1, 'to'] → "timeOff[1].to": the name a person would look for in the input. */
export const fieldName = (path: FieldPath): string =>
  path.reduce<string>((name, key) => (typeof key === 'number' ? `${name}[${key}]` : name ? `${name}.${String(key)}` : String(key)), '');

/** A value as it should appear in an error message: strings quoted (and cut short), numbers as written (NaN, Infinity). */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid Date' : value.toISOString();
  if (Array.isArray(value)) return 'a list';
  return value !== null && typeof value === 'object' ? 'an object' : String(value);
}

/**
 * The first zod issue as a Problem. A union (the referral's location: coordinates or a county) reports
 * every branch it tried; the branch with the fewest issues is the one the caller meant, so its issue is
 * the one that names the field (`location.lat`, not just `location`).
 */
export function problemOfZodIssues(issues: readonly z.core.$ZodIssue[], prefix: FieldPath = []): Problem {
  const issue = issues[0] as z.core.$ZodIssue;
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const closest = issue.errors.reduce((best, branch) => (branch.length < best.length ? branch : best));
    if (closest.length > 0) return problemOfZodIssues(closest, path);
  }
  return { path, reason: issue.message };
}
