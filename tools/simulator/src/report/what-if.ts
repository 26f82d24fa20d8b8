// What-if: the same seeds with volunteers added ("add 3 clinicians in Turkana"): how the structural
// coverage and the simulated outcomes in the target counties change.
import { findCounty } from '@haki/geography';
import { countyByCode, countyClassOf } from '../county-class';
import type { StrategyName } from '../engine';
import type { Addition } from '../roster';
import { runScenario, type ScenarioOptions, type ScenarioResult } from '../scenario';
import { analyse, figureOf, type CountyFigure, type ReportData, type TableRow } from './analysis';
import type { CoverageCell } from './coverage';

type CellValues = Omit<CoverageCell, 'county' | 'service'>;

export interface WhatIfData {
  text: string;
  additions: Addition[];
  counties: number[];
  /** Coverage cells that changed (any county). */
  coverageChanges: { county: number; service: string; before: CellValues; after: CellValues }[];
  gaps: { before: number; after: number; interiorBefore: number; interiorAfter: number };
  unreachableShare: { before: number | null; after: number | null };
  /** Pooled over seeds, the target counties together. */
  target: { strategy: StrategyName; before: CountyFigure; after: CountyFigure }[];
  /** The county-class rows containing the target counties, before and after. */
  classRows: { before: TableRow; after: TableRow }[];
}

export function whatIf(
  text: string,
  additions: Addition[],
  options: ScenarioOptions,
  beforeResult: ScenarioResult,
  before: ReportData,
): WhatIfData {
  const afterResult = runScenario({ ...options, additions: [...(options.additions ?? []), ...additions] });
  const after = analyse(afterResult);
  const counties = [...new Set(additions.map((a) => findCounty(a.county)?.code as number))].sort((a, b) => a - b);
  const key = (c: CoverageCell) => `${c.county}|${c.service}`;
  const afterCells = new Map(after.coverage.cells.map((c) => [key(c), c]));
  const strip = (c: CoverageCell): CellValues => ({ hqHours: c.hqHours, interiorHours: c.interiorHours, status: c.status });
  const coverageChanges = before.coverage.cells
    .map((b) => ({ b, a: afterCells.get(key(b)) as CoverageCell }))
    .filter(({ a, b }) => a.hqHours !== b.hqHours || a.interiorHours !== b.interiorHours || a.status !== b.status)
    .map(({ a, b }) => ({ county: b.county, service: b.service, before: strip(b), after: strip(a) }));
  const count = (cells: CoverageCell[], s: CoverageCell['status']) => cells.filter((c) => c.status === s).length;
  const seeds = afterResult.worlds.length;
  const name = counties.map((c) => countyByCode(c).name).join(' + ');
  const cls = countyClassOf(countyByCode(counties[0] as number));
  const pooled = (r: ScenarioResult, strategy: StrategyName) =>
    figureOf(
      r.runs
        .filter((x) => x.strategy === strategy)
        .flatMap((x) => x.result.outcomes)
        .filter((o) => counties.includes(o.county)),
      seeds,
      -1,
      name,
      cls,
    );
  const classes = new Set(counties.map((c) => countyClassOf(countyByCode(c)) as string));
  return {
    text,
    additions,
    counties,
    coverageChanges,
    gaps: {
      before: count(before.coverage.cells, 'gap'),
      after: count(after.coverage.cells, 'gap'),
      interiorBefore: count(before.coverage.cells, 'interior'),
      interiorAfter: count(after.coverage.cells, 'interior'),
    },
    unreachableShare: { before: before.coverage.unreachableShare, after: after.coverage.unreachableShare },
    target: after.strategies.map((strategy) => ({
      strategy,
      before: pooled(beforeResult, strategy),
      after: pooled(afterResult, strategy),
    })),
    classRows: before.table
      .filter((r) => classes.has(r.group) && after.strategies.includes(r.strategy))
      .map((b) => ({ before: b, after: after.table.find((a) => a.strategy === b.strategy && a.group === b.group) as TableRow })),
  };
}
