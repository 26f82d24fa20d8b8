import type { CaseSummary, SlaClock, SlaState } from './case-summary';

/**
 * What a case's clocks say whatever the time: enough to tell its SLA state at any `now` with two
 * comparisons, and to place it in due order. Instants are epoch ms; Infinity when no clock is open.
 */
export interface ClockTimes {
  /** A clock was met after it was due: the case stays breached for good (the report records the missed deadline). */
  metLate: boolean;
  /** The earliest dueAt among open clocks (an overdue one counts). */
  nearestOpenDueMs: number;
  /** The earliest atRiskFrom among open clocks. */
  earliestOpenAtRiskMs: number;
}

export function clockTimesOf(sla: readonly SlaClock[]): ClockTimes {
  let metLate = false;
  let nearestOpenDueMs = Infinity;
  let earliestOpenAtRiskMs = Infinity;
  for (const clock of sla) {
    const dueMs = Date.parse(clock.dueAt);
    if (clock.metAt !== undefined) {
      if (Date.parse(clock.metAt) > dueMs) metLate = true;
      continue;
    }
    // An unreadable instant (NaN) fails every comparison, so it never makes a case late or at risk.
    if (dueMs < nearestOpenDueMs) nearestOpenDueMs = dueMs;
    const atRiskMs = Date.parse(clock.atRiskFrom);
    if (atRiskMs < earliestOpenAtRiskMs) earliestOpenAtRiskMs = atRiskMs;
  }
  return { metLate, nearestOpenDueMs, earliestOpenAtRiskMs };
}

/** breached: a clock met late, or an open one due at or before now; at-risk: an open one inside its warning window. */
export function slaStateFrom(times: ClockTimes, nowMs: number): SlaState {
  if (times.metLate || times.nearestOpenDueMs <= nowMs) return 'breached';
  return times.earliestOpenAtRiskMs <= nowMs ? 'at-risk' : 'on-track';
}

/** Where a case stands against its clocks at `now`. */
export function slaStateAt(summary: Pick<CaseSummary, 'sla'>, now: Date): SlaState {
  return slaStateFrom(clockTimesOf(summary.sla), now.getTime());
}
