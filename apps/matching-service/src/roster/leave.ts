/** A stored time-off entry (ISO instants, or Dates as mongoose reads them). */
export interface TimeOff {
  from: string | Date;
  to: string | Date;
}

/**
 * Whether time off keeps a professional from a referral now: on leave at `now` and not back before the
 * referral's deadline (the ranking's rule, matching-core's evaluate: a leave that ends in time is part of
 * the wait, not a reason to skip them). Consecutive entries count as one leave. Without a deadline a
 * leave that ends at all is waited out, as the ranking scores it.
 */
export function leaveKeepsAway(timeOff: readonly TimeOff[], now: number, deadline?: number): boolean {
  const spans = timeOff
    .map((off) => ({ from: Date.parse(String(off.from)), to: Date.parse(String(off.to)) }))
    .sort((a, b) => a.from - b.from);
  let back = now;
  for (const span of spans) if (span.from <= back && back < span.to) back = span.to;
  if (back === now) return false; // not on leave now
  return !Number.isFinite(back) || (deadline !== undefined && back >= deadline);
}
