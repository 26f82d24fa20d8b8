// Metrics: per run and county class, then summarised across seeds with a t-based 95 % interval.
import { COUNTY_CLASSES } from './county-class';
import type { ReferralOutcome, RunResult, StrategyName } from './engine';

const HOUR = 3_600_000;

/**
 * Percentile with linear interpolation between order statistics (R type 7, numpy's default). Values may
 * be +Infinity (a referral nobody reached): a percentile that lands on or between infinite order
 * statistics is Infinity, one that lands on finite ones is unaffected.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const xs = [...values].sort((a, b) => a - b);
  const h = (xs.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  const [a, b] = [xs[lo] as number, xs[hi] as number];
  if (h === lo) return a;
  if (!Number.isFinite(b)) return b;
  return a + (h - lo) * (b - a);
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
  /** Seeds that had a value (NaN, e.g. a class with no referral in a seed, is skipped). */
  n: number;
  /**
   * Seeds whose value was infinite (a percentile beyond the reached share; in a paired difference, one
   * side never arriving): then mean = lo = hi = that infinity, or NaN when seeds differ in sign.
   */
  infinite?: number;
}

export function meanCI(values: readonly number[]): Estimate | null {
  const [up, down] = [values.filter((x) => x === Infinity).length, values.filter((x) => x === -Infinity).length];
  const xs = values.filter((x) => Number.isFinite(x));
  if (up + down > 0) {
    const mean = down === 0 ? Infinity : up === 0 ? -Infinity : NaN;
    return { mean, lo: mean, hi: mean, n: xs.length + up + down, infinite: up + down };
  }
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

/**
 * When someone started on the referral's required role: on arrival, or by phone where BOTH the role
 * accepts a remote start (matching-core's roleNeedsFor) and the volunteer is remote-capable. +Infinity
 * when nobody took the role: unmatched referrals never arrive, so they sit in every denominator and
 * every percentile treats them as later than any arrival.
 */
export function onSiteAt(o: Pick<ReferralOutcome, 'matched' | 'arrivalAt' | 'remoteStartAt' | 'remoteStartAllowed'>): number {
  if (!o.matched || o.arrivalAt === null) return Infinity;
  return o.remoteStartAllowed && o.remoteStartAt !== null ? Math.min(o.arrivalAt, o.remoteStartAt) : o.arrivalAt;
}

/** Hours from submission to someone on site (Infinity when unmatched). */
export const onSiteHours = (o: ReferralOutcome): number => (onSiteAt(o) - o.submittedAt) / HOUR;
/** On site no later than the medico-legal deadline (unmatched: never). */
export const onTime = (o: ReferralOutcome): boolean => onSiteAt(o) <= o.deadlineAt;
/** Someone came, but after the deadline. */
export const late = (o: ReferralOutcome): boolean => o.matched && !onTime(o);

/** Cap for the capped median (paired differences): unmatched and anything later count as this many hours. */
export const CAP_HOURS = 72;
export const WITHIN_HOURS = [6, 12, 24] as const;

export interface GroupMetrics {
  referrals: number;
  /** Hours from submission to acceptance of the required role, over ALL referrals (unmatched = ∞). */
  medianAcceptH: number;
  p90AcceptH: number;
  /** Hours from submission to someone on site (onSiteAt), over ALL referrals (unmatched = ∞). */
  medianSiteH: number;
  p90SiteH: number;
  /** Median of min(on-site hours, CAP_HOURS): finite even when over half are unmatched. */
  cappedMedianSiteH: number;
  /** Shares of ALL referrals with someone on site within 6 / 12 / 24 h of submission. */
  within6h: number;
  within12h: number;
  within24h: number;
  /** Share of ALL referrals with someone on site before the deadline (late and unmatched both miss). */
  deadlineMet: number;
  /** Share where someone came after the deadline. */
  late: number;
  /** Share whose required role was never filled. */
  unmatched: number;
  /** Share the offer policy escalated to ops (0 for the phone strategies). */
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
  'cappedMedianSiteH',
  'within6h',
  'within12h',
  'within24h',
  'deadlineMet',
  'late',
  'unmatched',
  'escalated',
  'gini',
  'maxLoad',
] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];
/** Metrics where lower is better (times, misses, inequality). */
export const LOWER_IS_BETTER: ReadonlySet<MetricKey> = new Set([
  'medianAcceptH',
  'p90AcceptH',
  'medianSiteH',
  'p90SiteH',
  'cappedMedianSiteH',
  'late',
  'unmatched',
  'escalated',
  'gini',
  'maxLoad',
]);

const inGroup = (o: ReferralOutcome, g: Group) => g === 'all' || o.countyClass === g;

/** Per-run metrics for one group of referrals; every share and percentile is over all its referrals. */
export function outcomeMetrics(os: readonly ReferralOutcome[], volunteers: number): GroupMetrics {
  const accept = os.map((o) => (o.matched ? ((o.acceptAt as number) - o.submittedAt) / HOUR : Infinity));
  const site = os.map(onSiteHours);
  const load = new Array<number>(volunteers).fill(0);
  for (const o of os) for (const v of o.team) load[v] = (load[v] as number) + 1;
  const share = (pred: (o: ReferralOutcome, i: number) => boolean) => (os.length === 0 ? NaN : os.filter(pred).length / os.length);
  return {
    referrals: os.length,
    medianAcceptH: median(accept),
    p90AcceptH: percentile(accept, 0.9),
    medianSiteH: median(site),
    p90SiteH: percentile(site, 0.9),
    cappedMedianSiteH: median(site.map((h) => Math.min(h, CAP_HOURS))),
    within6h: share((_, i) => (site[i] as number) <= 6),
    within12h: share((_, i) => (site[i] as number) <= 12),
    within24h: share((_, i) => (site[i] as number) <= 24),
    deadlineMet: share(onTime),
    late: share(late),
    unmatched: share((o) => !o.matched),
    escalated: share((o) => o.escalated),
    gini: gini(load),
    maxLoad: Math.max(0, ...load),
  };
}

export function groupMetrics(run: RunResult, g: Group): GroupMetrics {
  return outcomeMetrics(
    run.outcomes.filter((o) => inGroup(o, g)),
    run.casesPerVolunteer.length,
  );
}

/** Paired across seeds: per-seed a − b, its mean and 95 % t-interval. */
export interface PairedDifference extends Estimate {
  perSeed: number[];
}

export function pairedDifference(a: readonly number[], b: readonly number[]): PairedDifference | null {
  if (a.length !== b.length) throw new Error('SIMULATOR.UNPAIRED: different numbers of seeds');
  const d = a.map((x, i) => x - (b[i] as number));
  const e = meanCI(d);
  return e ? { ...e, perSeed: d } : null;
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
