import { MatchingCoreError } from '../matching-core-error';
import { toMs, type Instant } from '../roster/nairobi-time';
import { isIsoInstant } from './iso';
import { show } from './problem';

/** Largest epoch ms a Date can hold (±100 million days). */
const MAX_EPOCH_MS = 8.64e15;

/**
 * Why `value` is not an instant the library can compute with, or undefined: epoch ms must be finite and
 * within a Date's range, a Date must be valid, a string must be an ISO_INSTANT.
 */
export function instantProblem(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && Math.abs(value) <= MAX_EPOCH_MS ? undefined : 'is not a finite epoch ms';
  if (value instanceof Date) return Number.isFinite(value.getTime()) ? undefined : 'is an invalid Date';
  if (typeof value === 'string')
    return isIsoInstant(value) ? undefined : 'is not an ISO 8601 date-time with seconds and a zone (Z or ±hh:mm)';
  return 'is not an instant (epoch ms, Date or ISO 8601 string)';
}

/**
 * `now` in epoch ms, or MATCHING.INVALID_NOW. A NaN clock would make every comparison false: nobody on
 * leave, no credential expired, no deadline missed.
 */
export function nowMs(now: Instant): number {
  const problem = instantProblem(now);
  if (problem) throw new MatchingCoreError('MATCHING.INVALID_NOW', `now ${show(now)} ${problem}`);
  return toMs(now);
}

/**
 * A deadline in epoch ms (Infinity when there is none), or MATCHING.INVALID_DEADLINE. An unparseable
 * deadline must not read as "no deadline": that would silently switch the deadline filter off.
 */
export function deadlineMs(deadline: Instant | undefined): number {
  if (deadline === undefined) return Infinity;
  const problem = instantProblem(deadline);
  if (problem) throw new MatchingCoreError('MATCHING.INVALID_DEADLINE', `deadline ${show(deadline)} ${problem}`);
  return toMs(deadline);
}
