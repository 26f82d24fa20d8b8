// Turns runs into report data: the table (per strategy × county class, mean and 95 % CI across seeds),
// per-county figures for the maps, pooled time-to-site distributions, coverage gaps. Everything here is
// a pure function of the runs, so the same seeds give byte-identical results.json.
import { COUNTIES } from '@haki/geography';
import { countyClassOf, type CountyClass } from '../county-class';
import type { ReferralOutcome, StrategyName } from '../engine';
import { groupMetrics, GROUPS, METRIC_KEYS, percentile, summarise, type Estimate, type Group, type MetricKey } from '../metrics';
import type { ScenarioResult } from '../scenario';
import { coverage, unreachableReferrals, type CoverageCell } from './coverage';

const HOUR = 3_600_000;

/** Rounds for stable, readable JSON (NaN/Infinity → null). */
export const round = (x: number, digits = 3): number | null => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : null);
const roundEstimate = (e: Estimate | null) => (e ? { mean: round(e.mean), lo: round(e.lo), hi: round(e.hi), n: e.n } : null);

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
  /** Pooled over seeds, matched referrals only. */
  medianSiteH: number | null;
  p90SiteH: number | null;
  unmatched: number | null;
  deadlineMet: number | null;
}

export interface Distribution {
  referrals: number;
  /** Share arrived within each of CDF_HOURS (all referrals: unmatched never arrive, so curves end below 1). */
  cdf: (number | null)[];
}

export const CDF_HOURS = [0.25, 0.5, 1, 2, 3, 4, 6, 8, 12, 16, 24, 36, 48, 72, 96, 168, 336];

export interface ReportData {
  scenario: string;
  seeds: number[];
  strategies: StrategyName[];
  referralsPerSeed: number;
  volunteersPerSeed: number;
  table: TableRow[];
  counties: Record<string, CountyFigure[]>;
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

const siteHours = (o: ReferralOutcome) => ((o.arrivalAt as number) - o.submittedAt) / HOUR;

/** Figures for a set of referrals (pooled over seeds, matched referrals for the times). */
export function figureOf(
  os: readonly ReferralOutcome[],
  seeds: number,
  code: number,
  name: string,
  countyClass: CountyClass,
): CountyFigure {
  const arrived = os.filter((o) => o.matched).map(siteHours);
  return {
    code,
    name,
    countyClass,
    referralsPerSeed: round(os.length / seeds) as number,
    medianSiteH: round(percentile(arrived, 0.5)),
    p90SiteH: round(percentile(arrived, 0.9)),
    unmatched: os.length === 0 ? null : round(os.filter((o) => !o.matched).length / os.length),
    deadlineMet: os.length === 0 ? null : round(os.filter((o) => o.deadlineMet).length / os.length),
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
  const hours = outcomes.filter((o) => o.matched).map(siteHours);
  return {
    referrals: outcomes.length,
    cdf: CDF_HOURS.map((h) => (outcomes.length === 0 ? null : round(hours.filter((x) => x <= h).length / outcomes.length))),
  };
}

const inGroup = (o: ReferralOutcome, g: Group) => g === 'all' || o.countyClass === g;

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
  const unreachable = result.worlds.flatMap((w) => unreachableReferrals(w.volunteers, w.referrals));
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
