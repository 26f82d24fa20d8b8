import { SLA_MILESTONES, type CaseSummary, type SlaMilestone } from './case-summary';

/** What ops are alerted on, from the case list: roles left with ops, and clocks run out with nothing done. */
export interface QueueHealth {
  /** Open cases with a role escalated to ops and still with them (unfilled, not offered again by matching). */
  escalated: number;
  /** How long the longest-waiting of them has been with ops (0 when none). */
  oldestEscalationSeconds: number;
  /** Open cases per milestone whose clock is still open and already past due: someone must act now. */
  overdue: Record<SlaMilestone, number>;
}

/**
 * The list's rows at `nowMs`. A clock met late is not counted: nothing can be done about it any more
 * (the outcome report keeps it); an open one past due still can.
 */
export function queueHealth(rows: Iterable<CaseSummary>, nowMs: number): QueueHealth {
  const overdue = Object.fromEntries(SLA_MILESTONES.map((milestone) => [milestone, 0])) as Record<SlaMilestone, number>;
  let escalated = 0;
  let oldestEscalatedMs = Infinity;
  for (const row of rows) {
    if (row.status === 'closed') continue;
    // With ops now: escalatedAt is set only while a role waits there (a row stored before the field was
    // kept gets it at its next change).
    if (row.escalated && row.escalatedAt) {
      escalated += 1;
      const since = Date.parse(row.escalatedAt);
      if (since < oldestEscalatedMs) oldestEscalatedMs = since;
    }
    for (const clock of row.sla) if (clock.metAt === undefined && Date.parse(clock.dueAt) <= nowMs) overdue[clock.milestone] += 1;
  }
  const oldestEscalationSeconds = Number.isFinite(oldestEscalatedMs) ? Math.max(0, (nowMs - oldestEscalatedMs) / 1000) : 0;
  return { escalated, oldestEscalationSeconds, overdue };
}
