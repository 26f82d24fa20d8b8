import { z } from 'zod';
import { HakiError } from '@haki/contracts';
import type { CaseSummary } from '../case-list/case-summary';

export const outcomeReportQuery = z.strictObject({
  /** Cases closed from this day (inclusive) to `to` (exclusive), ISO dates or instants. */
  from: z.iso.date().or(z.iso.datetime()).optional(),
  to: z.iso.date().or(z.iso.datetime()).optional(),
});

export interface OutcomeGroup {
  county: string;
  serviceType: string;
  outcome: string;
  cases: number;
  /** Hours from referral to the first professional on site; null when none of the group's cases got there. */
  medianHoursToSite: number | null;
  /** Cases of the group nobody reached on site before it closed. */
  neverOnSite: number;
}

export interface OutcomeReport {
  from?: string;
  to?: string;
  closedCases: number;
  groups: OutcomeGroup[];
}

/**
 * Closed cases grouped by county, service type and outcome, with the median time to site: the figures
 * the network reports to donors and commissions, with no case ids, names or places finer than a county.
 * Cases never reached count in `neverOnSite` rather than being left out of the time to site silently.
 */
export function outcomeReport(rows: Iterable<CaseSummary>, raw: unknown): OutcomeReport {
  const parsed = outcomeReportQuery.safeParse(raw);
  if (!parsed.success) throw HakiError.fromZod('CASE.INVALID_REQUEST', parsed.error);
  const from = parsed.data.from ? Date.parse(parsed.data.from) : -Infinity;
  const to = parsed.data.to ? Date.parse(parsed.data.to) : Infinity;
  const groups = new Map<string, { group: OutcomeGroup; hours: number[] }>();
  let closedCases = 0;
  for (const row of rows) {
    if (row.status !== 'closed' || !row.closedAt) continue;
    const closedAt = Date.parse(row.closedAt);
    if (closedAt < from || closedAt >= to) continue;
    closedCases += 1;
    const county = row.county ?? 'unknown';
    const serviceType = row.serviceType ?? 'unknown';
    const outcome = row.outcome ?? 'unknown';
    const key = `${county}|${serviceType}|${outcome}`;
    const entry = groups.get(key) ?? {
      group: { county, serviceType, outcome, cases: 0, medianHoursToSite: null, neverOnSite: 0 },
      hours: [],
    };
    entry.group.cases += 1;
    const onSite = row.sla.find((clock) => clock.milestone === 'on-site')?.metAt;
    if (onSite) entry.hours.push((Date.parse(onSite) - Date.parse(row.receivedAt)) / 3_600_000);
    else entry.group.neverOnSite += 1;
    groups.set(key, entry);
  }
  return {
    ...(parsed.data.from ? { from: parsed.data.from } : {}),
    ...(parsed.data.to ? { to: parsed.data.to } : {}),
    closedCases,
    groups: [...groups.values()]
      .map(({ group, hours }) => ({ ...group, medianHoursToSite: median(hours) }))
      .sort((a, b) => a.county.localeCompare(b.county) || a.serviceType.localeCompare(b.serviceType) || a.outcome.localeCompare(b.outcome)),
  };
}

function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return Math.round(value * 10) / 10;
}
