// Metrics: per run and county class, then summarised across seeds with a t-based 95 % interval.
import { COUNTY_CLASSES } from './county-class';
import type { ReferralOutcome, RunResult, StrategyName } from './engine';

const HOUR = 3_600_000;

/** Percentile with linear interpolation between order statistics (R type 7, numpy's default). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const xs = [...values].sort((a, b) => a - b);
  const h = (xs.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return (xs[lo] as number) + (h - lo) * ((xs[hi] as number) - (xs[lo] as number));
}

export const median = (values: readonly number[]): number => percentile(values, 0.5);

/** Gini coefficient of non-negative values: 0 = perfectly even, → 1 = one holds everything. */
export function gini(values: readonly number[]): number {
  const n = values.length;
  const total = values.reduce((s, x) => s + x, 0);
  if (n === 0 || total === 0) return 0;
  const xs = [...values].sort((a, b) => a - b);
  let weighted = 0;
  xs.forEach((x, i) => (weighted += (i + 1) * x));
  return (2 * weighted) / (n * total) - (n + 1) / n;
}

// Two-sided 97.5 % quantiles of Student's t for 1..30 degrees of freedom.
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086,
  2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

export interface Estimate {
  mean: number;
  /** 95 % t-interval of the mean across seeds (equal to the mean with one seed). */
  lo: number;
  hi: number;
  /** Seeds that had a value (a class with no matched referral in a seed has no median). */
  n: number;
}

export function meanCI(values: readonly number[]): Estimate | null {
  const xs = values.filter((x) => Number.isFinite(x));
  const n = xs.length;
  if (n === 0) return null;
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  if (n === 1) return { mean, lo: mean, hi: mean, n };
  const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  const t = T975[Math.min(n - 1, T975.length) - 1] as number;
  const half = (t * sd) / Math.sqrt(n);
  return { mean, lo: mean - half, hi: mean + half, n };
}

export const GROUPS = ['all', ...COUNTY_CLASSES] as const;
export type Group = (typeof GROUPS)[number];

export interface GroupMetrics {
  referrals: number;
  /** Hours from submission to acceptance of the required role (matched referrals). */
  medianAcceptH: number;
  p90AcceptH: number;
  /** Hours from submission to arrival on site of the required role (matched referrals). */
  medianSiteH: number;
  p90SiteH: number;
  /** Share of referrals whose required role started (on site, or by phone where allowed) before the deadline. */
  deadlineMet: number;
  /** Share whose required role was never filled. */
  unmatched: number;
  /** Share Haki escalated to ops (0 for the other strategies). */
  escalated: number;
  /** Gini of cases per volunteer (all volunteers, all roles, cases from this group). */
  gini: number;
  /** Most cases (any role) one volunteer took from this group. */
  maxLoad: number;
}

export const METRIC_KEYS = [
  'medianAcceptH',
  'p90AcceptH',
  'medianSiteH',
  'p90SiteH',
  'deadlineMet',
  'unmatched',
  'escalated',
  'gini',
  'maxLoad',
] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];

const inGroup = (o: ReferralOutcome, g: Group) => g === 'all' || o.countyClass === g;

/** Per-run metrics for one group of referrals. */
export function groupMetrics(run: RunResult, g: Group): GroupMetrics {
  const os = run.outcomes.filter((o) => inGroup(o, g));
  const matched = os.filter((o) => o.matched);
  const accept = matched.map((o) => ((o.acceptAt as number) - o.submittedAt) / HOUR);
  const site = matched.map((o) => ((o.arrivalAt as number) - o.submittedAt) / HOUR);
  const load = new Array<number>(run.casesPerVolunteer.length).fill(0);
  for (const o of os) for (const v of o.team) load[v] = (load[v] as number) + 1;
  const share = (k: number) => (os.length === 0 ? NaN : k / os.length);
  return {
    referrals: os.length,
    medianAcceptH: median(accept),
    p90AcceptH: percentile(accept, 0.9),
    medianSiteH: median(site),
    p90SiteH: percentile(site, 0.9),
    deadlineMet: share(os.filter((o) => o.deadlineMet).length),
    unmatched: share(os.length - matched.length),
    escalated: share(os.filter((o) => o.escalated).length),
    gini: gini(load),
    maxLoad: Math.max(0, ...load),
  };
}

export type SummaryRow = { strategy: StrategyName; group: Group; referrals: number } & Record<MetricKey, Estimate | null>;

/** Across seeds: mean and 95 % CI of each per-seed metric, per strategy and group. */
export function summarise(perSeed: { strategy: StrategyName; group: Group; metrics: GroupMetrics }[]): SummaryRow[] {
  const rows: SummaryRow[] = [];
  const keys = [...new Set(perSeed.map((p) => `${p.strategy}|${p.group}`))];
  for (const key of keys) {
    const items = perSeed.filter((p) => `${p.strategy}|${p.group}` === key);
    const first = items[0] as (typeof items)[number];
    const row = {
      strategy: first.strategy,
      group: first.group,
      referrals: items.reduce((s, p) => s + p.metrics.referrals, 0) / items.length,
    } as SummaryRow;
    for (const k of METRIC_KEYS) row[k] = meanCI(items.map((p) => p.metrics[k]));
    rows.push(row);
  }
  return rows;
}
