import { MatchingCoreError } from '../matching-core-error';
import { fieldName, problemOfZodIssues, show } from '../validation/problem';
import { roleNeedSchema, type RoleNeed } from './referral';

// What one ranking call checks besides the referral (prepareReferral) and `now` (validation/instants):
// all O(1) or O(size of the need), never O(roster). The roster was checked once, when it was compiled.

/** MATCHING.INVALID_REFERRAL naming the field of a role need that is malformed (an unknown role would match nobody). */
export function assertValidRoleNeed(need: RoleNeed): void {
  const parsed = roleNeedSchema.safeParse(need);
  if (parsed.success) return;
  const { path, reason } = problemOfZodIssues(parsed.error.issues);
  throw new MatchingCoreError('MATCHING.INVALID_REFERRAL', `role need: ${fieldName(path) || 'need'} ${reason}`);
}

/**
 * The list length: a whole number ≥ 0 (default `fallback`), or MATCHING.INVALID_RANK_OPTION. NaN would
 * make the best-k buffer report nobody as "worst so far" and a huge k would allocate gigabytes; the buffer
 * itself never needs more slots than the roster has people, so the length is capped at `rosterSize`.
 */
export function listLength(k: number | undefined, fallback: number, rosterSize: number): number {
  if (k === undefined) return Math.min(fallback, rosterSize);
  if (typeof k !== 'number' || !Number.isSafeInteger(k) || k < 0) {
    throw new MatchingCoreError('MATCHING.INVALID_RANK_OPTION', `k ${show(k)} must be a whole number ≥ 0`);
  }
  return Math.min(k, rosterSize);
}
