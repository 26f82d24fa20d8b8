// Turns runs into report data: the table (per strategy × county class, mean and 95 % CI across seeds),
// per-county figures for the maps, pooled time-to-site distributions, coverage gaps. Everything here is
// a pure function of the runs, so the same seeds give byte-identical results.json.
import { COUNTIES } from '@haki/geography';
import { countyClassOf, type CountyClass } from '../county-class';
import type { ReferralOutcome, StrategyName } from '../engine';
import {
  groupMetrics,
  GROUPS,
  late,
  LOWER_IS_BETTER,
  METRIC_KEYS,
  onSiteHours,
  onTime,
  pairedDifference,
  percentile,
  summarise,
  type Estimate,
  type GroupMetrics,
  type Group,
  type MetricKey,
} from '../metrics';
import type { ScenarioResult } from '../scenario';
import { coverage, unreachableReferrals, type CoverageCell } from './coverage';
import type { PlannerData } from './planner';
import type { SensitivityData } from './sensitivity';

/** Rounds for stable, readable JSON (NaN/Infinity → null). */
export const round = (x: number, digits = 3): number | null => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : null);
/** Rounded estimate; an infinite one (some seed's percentile beyond the reached share) keeps `infinite` and null values. */
export const roundEstimate = (e: Estimate | null) =>
  e ? { mean: round(e.mean), lo: round(e.lo), hi: round(e.hi), n: e.n, ...(e.infinite ? { infinite: e.infinite } : {}) } : null;
export type RoundedEstimate = ReturnType<typeof roundEstimate>;

export interface TableRow {
  strategy: StrategyName;
  group: Group;
  referralsPerSeed: number;
  metrics: Record<MetricKey, ReturnType<typeof roundEstimate>>;
}

export interface CountyFigure {
  code: number;
  name: string;
  countyClass: CountyClass;
  referralsPerSeed: number;
  /** Pooled over seeds, over ALL referrals there: unmatched = ∞, so null means "beyond the reached share". */
  medianSiteH: number | null;
  p90SiteH: number | null;
  unmatched: number | null;
  /** Share on site (or started remotely where the role allows it) before the deadline. */
  deadlineMet: number | null;
  /** Share where someone came after the deadline. */
  late: number | null;
  /** Late or unmatched referrals per run. */
  missedPerSeed: number;
}

export interface Distribution {
  referrals: number;
  /** Share arrived within each of CDF_HOURS (all referrals: unmatched never arrive, so curves end below 1). */
  cdf: (number | null)[];
}

export const CDF_HOURS = [0.25, 0.5, 1, 2, 3, 4, 6, 8, 12, 16, 24, 36, 48, 72, 96, 168, 336];

/** One paired comparison across seeds: a − b per seed, mean and 95 % t-interval. */
export interface PairedRow {
  a: StrategyName;
  b: StrategyName;
  group: Group;
  metric: MetricKey;
  aMean: number | null;
  bMean: number | null;
  diff: (RoundedEstimate & { perSeed: (number | null)[] }) | null;
  /** 'a better' / 'b better' when the interval excludes 0, else 'no clear difference'. */
  verdict: string;
}

/** The metric that picks the strongest baseline, and the comparisons reported against it. */
export const HEADLINE: { metric: MetricKey; group: Group } = { metric: 'deadlineMet', group: 'all' };
export const PAIRED_METRICS: { metric: MetricKey; group: Group }[] = [
  { metric: 'deadlineMet', group: 'all' },
  { metric: 'deadlineMet', group: 'rural' },
  { metric: 'cappedMedianSiteH', group: 'rural' },
  { metric: 'within12h', group: 'rural' },
  { metric: 'unmatched', group: 'all' },
  { metric: 'unmatched', group: 'rural' },
];

export interface ReportData {
  scenario: string;
  seeds: number[];
  strategies: StrategyName[];
  referralsPerSeed: number;
  volunteersPerSeed: number;
  table: TableRow[];
  /** The baseline with the best HEADLINE mean, and Haki minus it per seed on PAIRED_METRICS. */
  strongestBaseline: StrategyName | null;
  paired: PairedRow[];
  /** Haki minus the best baseline on each paired metric itself (it may not be the strongest by the headline). */
  pairedBest: PairedRow[];
  /** What the policy adds (same ordering, policy − phone) and what the ranking adds (same policy, Haki − ordering). */
  ablation: { policy: PairedRow[]; ranking: PairedRow[] };
  counties: Record<string, CountyFigure[]>;
  /** Re-runs with behaviour constants low / high (cli; absent with --no-sensitivity). */
  sensitivity?: SensitivityData;
  /** One more volunteer per shortlisted county × role (cli; absent with --no-planner). */
  planner?: PlannerData;
  distributions: Record<string, Record<Group, Distribution>>;
  coverage: {
    /** Roster of the first seed (home bases jitter a few km between seeds; hub and role counts are fixed). */
    seed: number;
    cells: CoverageCell[];
    /** Referrals per seed whose deadline nobody could meet even in the best case, by county and service. */
    unreachable: { county: number; service: string; perSeed: number }[];
    unreachableShare: number | null;
  };
}

/** Figures for a set of referrals (pooled over seeds, all referrals: unmatched never arrive). */
export function figureOf(
  os: readonly ReferralOutcome[],
  seeds: number,
  code: number,
  name: string,
  countyClass: CountyClass,
): CountyFigure {
  const site = os.map(onSiteHours);
  const share = (n: number) => (os.length === 0 ? null : round(n / os.length));
  return {
    code,
    name,
    countyClass,
    referralsPerSeed: round(os.length / seeds) as number,
    medianSiteH: round(percentile(site, 0.5)),
    p90SiteH: round(percentile(site, 0.9)),
    unmatched: share(os.filter((o) => !o.matched).length),
    deadlineMet: share(os.filter(onTime).length),
    late: share(os.filter(late).length),
    missedPerSeed: round(os.filter((o) => !onTime(o)).length / seeds, 2) as number,
  };
}

export function countyFigures(outcomes: readonly ReferralOutcome[], seeds: number): CountyFigure[] {
  return COUNTIES.map((c) =>
    figureOf(
      outcomes.filter((o) => o.county === c.code),
      seeds,
      c.code,
      c.name,
      countyClassOf(c),
    ),
  );
}

export function distribution(outcomes: readonly ReferralOutcome[]): Distribution {
  const hours = outcomes.map(onSiteHours);
  return {
    referrals: outcomes.length,
    cdf: CDF_HOURS.map((h) => (outcomes.length === 0 ? null : round(hours.filter((x) => x <= h).length / outcomes.length))),
  };
}

const inGroup = (o: ReferralOutcome, g: Group) => g === 'all' || o.countyClass === g;

type PerSeed = Map<string, GroupMetrics[]>;
const perSeedKey = (s: StrategyName, g: Group) => `${s}|${g}`;

/** Per-seed metrics of every strategy and group, in seed order. */
export function perSeedMetrics(result: ScenarioResult): PerSeed {
  const out: PerSeed = new Map();
  for (const r of result.runs)
    for (const g of GROUPS) {
      const key = perSeedKey(r.strategy, g);
      if (!out.has(key)) out.set(key, []);
      (out.get(key) as GroupMetrics[]).push(groupMetrics(r.result, g));
    }
  return out;
}

const meanOf = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

export function paired(per: PerSeed, a: StrategyName, b: StrategyName, metric: MetricKey, group: Group): PairedRow {
  const av = (per.get(perSeedKey(a, group)) ?? []).map((m) => m[metric]);
  const bv = (per.get(perSeedKey(b, group)) ?? []).map((m) => m[metric]);
  const d = av.length > 0 && av.length === bv.length ? pairedDifference(av, bv) : null;
  const diff = d ? { ...(roundEstimate(d) as NonNullable<RoundedEstimate>), perSeed: d.perSeed.map((x) => round(x)) } : null;
  let verdict = 'no clear difference';
  if (d && d.n > 1 && Number.isFinite(d.lo) && (d.lo > 0 || d.hi < 0)) {
    const aHigher = d.lo > 0;
    verdict = aHigher !== LOWER_IS_BETTER.has(metric) ? 'a better' : 'b better';
  }
  return { a, b, group, metric, aMean: round(meanOf(av)), bMean: round(meanOf(bv)), diff, verdict };
}

/** The baseline with the highest (or lowest, for lower-is-better metrics) mean of a metric (default: the headline). */
export function strongestBaseline(per: PerSeed, strategies: readonly StrategyName[], { metric, group } = HEADLINE): StrategyName | null {
  const sign = LOWER_IS_BETTER.has(metric) ? -1 : 1;
  let best: StrategyName | null = null;
  let bestValue = -Infinity;
  for (const s of strategies.filter((x) => x !== 'haki')) {
    const v = sign * meanOf((per.get(perSeedKey(s, group)) ?? []).map((m) => m[metric]));
    if (v > bestValue) [best, bestValue] = [s, v];
  }
  return best;
}

const ABLATION_PAIRS: { policy: [StrategyName, StrategyName][]; ranking: [StrategyName, StrategyName][] } = {
  policy: [
    ['fixed-list-policy', 'fixed-list'],
    ['nearest-policy', 'nearest-phone'],
    ['local-policy', 'local-phone'],
  ],
  ranking: [
    ['haki', 'fixed-list-policy'],
    ['haki', 'nearest-policy'],
    ['haki', 'local-policy'],
  ],
};
export const ABLATION_METRICS: { metric: MetricKey; group: Group }[] = [
  { metric: 'deadlineMet', group: 'all' },
  { metric: 'deadlineMet', group: 'rural' },
  { metric: 'cappedMedianSiteH', group: 'rural' },
];

export function analyse(result: ScenarioResult): ReportData {
  const strategies = [...new Set(result.runs.map((r) => r.strategy))];
  const seeds = result.worlds.map((w) => w.seed);
  const perSeed = result.runs.flatMap((r) =>
    GROUPS.map((group) => ({ strategy: r.strategy, group, metrics: groupMetrics(r.result, group) })),
  );
  const table: TableRow[] = summarise(perSeed).map((row) => ({
    strategy: row.strategy,
    group: row.group,
    referralsPerSeed: round(row.referrals, 1) as number,
    metrics: Object.fromEntries(METRIC_KEYS.map((k) => [k, roundEstimate(row[k])])) as TableRow['metrics'],
  }));
  const per = perSeedMetrics(result);
  const strongest = strategies.includes('haki') ? strongestBaseline(per, strategies) : null;
  const pairedRows = strongest ? PAIRED_METRICS.map(({ metric, group }) => paired(per, 'haki', strongest, metric, group)) : [];
  const pairedBest = strategies.includes('haki')
    ? PAIRED_METRICS.flatMap((m) => {
        const best = strongestBaseline(per, strategies, m);
        return best ? [paired(per, 'haki', best, m.metric, m.group)] : [];
      })
    : [];
  const ablate = (pairs: [StrategyName, StrategyName][]) =>
    pairs
      .filter(([a, b]) => strategies.includes(a) && strategies.includes(b))
      .flatMap(([a, b]) => ABLATION_METRICS.map(({ metric, group }) => paired(per, a, b, metric, group)));
  const pooled = (s: StrategyName) => result.runs.filter((r) => r.strategy === s).flatMap((r) => r.result.outcomes);
  const counties = Object.fromEntries(strategies.map((s) => [s, countyFigures(pooled(s), seeds.length)]));
  const distributions = Object.fromEntries(
    strategies.map((s) => [
      s,
      Object.fromEntries(GROUPS.map((g) => [g, distribution(pooled(s).filter((o) => inGroup(o, g)))])) as Record<Group, Distribution>,
    ]),
  );
  const first = result.worlds[0];
  if (!first) throw new Error('SIMULATOR.NO_SEEDS');
  const unreachable = result.worlds.flatMap((w) => unreachableReferrals(w.volunteers, w.referrals, w.trips));
  const tally = new Map<string, number>();
  for (const r of unreachable) tally.set(`${r.county}|${r.serviceType}`, (tally.get(`${r.county}|${r.serviceType}`) ?? 0) + 1);
  const totalReferrals = result.worlds.reduce((s, w) => s + w.referrals.length, 0);
  return {
    scenario: result.options.scenario,
    seeds,
    strategies,
    referralsPerSeed: round(totalReferrals / seeds.length, 1) as number,
    volunteersPerSeed: round(result.worlds.reduce((s, w) => s + w.volunteers.length, 0) / seeds.length, 1) as number,
    table,
    strongestBaseline: strongest,
    paired: pairedRows,
    pairedBest,
    ablation: { policy: ablate(ABLATION_PAIRS.policy), ranking: ablate(ABLATION_PAIRS.ranking) },
    counties,
    distributions,
    coverage: {
      seed: first.seed,
      cells: coverage(first.volunteers, result.startMs).map((c) => ({
        ...c,
        hqHours: round(c.hqHours, 2) ?? Infinity,
        interiorHours: round(c.interiorHours, 2) ?? Infinity,
      })),
      unreachable: [...tally]
        .map(([k, n]) => ({
          county: Number(k.split('|')[0]),
          service: k.split('|')[1] as string,
          perSeed: round(n / seeds.length, 2) as number,
        }))
        .sort((a, b) => b.perSeed - a.perSeed || a.county - b.county || a.service.localeCompare(b.service)),
      unreachableShare: round(unreachable.length / totalReferrals),
    },
  };
}
