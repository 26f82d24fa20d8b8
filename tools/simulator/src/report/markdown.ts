// Markdown: README.md (table, headline findings, assumptions), coverage-gaps.md, what-if.md.
import { COUNTIES } from '@haki/geography';
import { BEHAVIOUR } from '../behaviour';
import { countyByCode, COUNTY_CLASS_LABEL, URBAN_SHARE_THRESHOLD } from '../county-class';
import type { StrategyName } from '../engine';
import type { Group, MetricKey } from '../metrics';
import { STRATEGY_LABEL } from '../strategies';
import type { ReportData, TableRow } from './analysis';
import { COVERAGE_SERVICES, COVERAGE_TARGET_HOURS, SERVICE_LABEL } from './coverage';
import type { WhatIfData } from './what-if';

type Est = TableRow['metrics'][MetricKey];

const GROUP_LABEL: Record<Group, string> = { all: 'All', ...COUNTY_CLASS_LABEL };
const d1 = (x: number | null) => (x === null ? '—' : x.toFixed(1));
const pct = (x: number | null) => {
  if (x === null) return '—';
  const v = Math.min(1, Math.max(0, x)) * 100;
  return v > 0 && v < 1 ? `${v.toFixed(1)}%` : `${Math.round(v)}%`;
};
const hours = (e: Est) => (e ? `${d1(e.mean)} (${d1(e.lo)}–${d1(e.hi)})` : '—');
const share = (e: Est) => (e ? `${pct(e.mean)} (${pct(e.lo).replace('%', '')}–${pct(e.hi)})` : '—');
const num = (e: Est, digits: number) =>
  e && e.mean !== null ? `${e.mean.toFixed(digits)} (${(e.lo ?? 0).toFixed(digits)}–${(e.hi ?? 0).toFixed(digits)})` : '—';
const hoursOrInf = (h: number) => (Number.isFinite(h) ? h.toFixed(1) : 'nobody');
/** One markdown table row: `| a | b | … |`. */
const tr = (cells: readonly (string | number)[]) => `| ${cells.map(String).join(' | ')} |`;

export function tableMarkdown(rows: readonly TableRow[]): string {
  const head =
    '| Strategy | Counties | Referrals / run | Accept, median h | Accept, p90 h | On site, median h | On site, p90 h | ' +
    'Deadlines met | Unmatched | Escalated to ops | Gini (cases / volunteer) | Max cases / volunteer |\n' +
    '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|';
  const body = rows.map((r) => {
    const m = r.metrics;
    return tr([
      STRATEGY_LABEL[r.strategy],
      GROUP_LABEL[r.group],
      r.referralsPerSeed,
      hours(m.medianAcceptH),
      hours(m.p90AcceptH),
      hours(m.medianSiteH),
      hours(m.p90SiteH),
      share(m.deadlineMet),
      share(m.unmatched),
      r.strategy === 'haki' ? share(m.escalated) : '—',
      num(m.gini, 2),
      num(m.maxLoad, 0),
    ]);
  });
  return [head, ...body].join('\n');
}

const row = (data: ReportData, s: StrategyName, g: Group) => data.table.find((r) => r.strategy === s && r.group === g);
/** Whether two estimates' 95 % intervals are disjoint (a difference beyond seed-to-seed noise). */
const apart = (a: Est, b: Est) =>
  !!a && !!b && a.lo !== null && a.hi !== null && b.lo !== null && b.hi !== null && (a.hi < b.lo || b.hi < a.lo);

function compare(data: ReportData, g: Group, key: MetricKey, fmt: (e: Est) => string, lowerIsBetter: boolean): string {
  const haki = row(data, 'haki', g)?.metrics[key] ?? null;
  const others = (['fixed-list', 'nearest'] as StrategyName[]).filter((s) => data.strategies.includes(s));
  const parts = others.map((s) => {
    const o = row(data, s, g)?.metrics[key] ?? null;
    if (!haki || !o || haki.mean === null || o.mean === null) return `${STRATEGY_LABEL[s].toLowerCase()} ${fmt(o)}`;
    const better = lowerIsBetter ? haki.mean < o.mean : haki.mean > o.mean;
    const verdict = !apart(haki, o) ? 'no clear difference' : better ? 'Haki better' : 'Haki worse';
    return `${STRATEGY_LABEL[s].toLowerCase()} ${fmt(o)} (${verdict})`;
  });
  return `Haki ${fmt(haki)} vs ${parts.join(', ')}`;
}

export function headlines(data: ReportData): string[] {
  const out: string[] = [];
  if (!data.strategies.includes('haki')) return out;
  for (const g of ['rural', 'other-urban', 'nairobi'] as Group[]) {
    const label = GROUP_LABEL[g];
    const h = (e: Est) => `${d1(e?.mean ?? null)} h`;
    const p = (e: Est) => pct(e?.mean ?? null);
    out.push(`**${label}** — median time to site: ${compare(data, g, 'medianSiteH', h, true)}.`);
    out.push(`**${label}** — p90 time to site: ${compare(data, g, 'p90SiteH', h, true)}.`);
    const met = compare(data, g, 'deadlineMet', p, false);
    const unmatched = compare(data, g, 'unmatched', p, true);
    out.push(`**${label}** — deadlines met: ${met}; unmatched: ${unmatched}.`);
  }
  const gini = compare(data, 'all', 'gini', (e) => (e?.mean ?? 0).toFixed(2), true);
  const busiest = compare(data, 'all', 'maxLoad', (e) => `${(e?.mean ?? 0).toFixed(0)} cases`, true);
  out.push(`**Load fairness (all counties)** — Gini of cases per volunteer: ${gini}; busiest volunteer: ${busiest}.`);
  const esc = row(data, 'haki', 'all')?.metrics.escalated;
  if (esc)
    out.push(
      `Haki escalated ${pct(esc.mean)} of referrals to ops (no acceptance within its policy's rounds and search window); ` +
        'ops then phoned down the contact sheet, and those cases count as matched when ops found someone.',
    );
  out.push(
    `${pct(data.coverage.unreachableShare)} of referrals had a deadline that no qualified volunteer could have met ` +
      'even in the best case (free, on call, accepting at once): no strategy can fix these — ' +
      'see [coverage-gaps.md](coverage-gaps.md) and [what-if.md](what-if.md).',
  );
  return out;
}

export interface ReadmeInput {
  data: ReportData;
  title: string;
  command: string;
  runtimeSeconds: number;
  runs: number;
  whatIf?: WhatIfData;
}

export function readme({ data, title, command, runtimeSeconds, runs, whatIf }: ReadmeInput): string {
  const maps = data.strategies.map((s) => `- [map-${s}.svg](map-${s}.svg) — ${STRATEGY_LABEL[s]}`).join('\n');
  const seeds =
    `- Seeds: ${data.seeds.join(', ')} — each seed draws its own roster (${data.volunteersPerSeed} volunteers) ` +
    `and ${data.referralsPerSeed} referrals; every strategy runs on the same roster, referrals and keyed behaviour draws.`;
  return `# ${title}

Generated by the Haki network simulator (\`tools/simulator\`, model and assumptions in
[tools/simulator/README.md](../../../tools/simulator/README.md)). Same seeds → same files (except the runtime line).

\`\`\`
${command}
\`\`\`

${seeds}
- Strategies: ${data.strategies.map((s) => STRATEGY_LABEL[s]).join('; ')}.
- Runtime: ${runtimeSeconds.toFixed(1)} s for ${runs} runs on this machine (main scenario${whatIf ? ' + what-if' : ''}).

## Headline findings

${headlines(data)
  .map((h) => `- ${h}`)
  .join('\n')}

## Results (mean over seeds, 95 % t-interval across seeds in brackets)

Times are for the required role (pathologist, clinician or advocate), from referral to acceptance and to
arrival on site, over matched referrals; the unmatched share is shown next to them. A deadline is met when
the required professional started (on site, or by phone where the role allows a remote start) before the
medico-legal deadline. Gini and maximum load count cases of all roles per volunteer, over all volunteers.
County classes: Nairobi City; other urban = urban share ≥ ${Math.round(URBAN_SHARE_THRESHOLD * 100)} % (KNBS 2019) and not
sparse (Mombasa, Kiambu, Uasin Gishu, Nakuru, Kajiado, Kisumu); rural = the other 40 counties.

${tableMarkdown(data.table)}

## Pictures

${maps}
- [time-to-site.svg](time-to-site.svg) — cumulative share of referrals with someone on site, per county class

## Coverage gaps and what-if

- [coverage-gaps.md](coverage-gaps.md) — counties and roles nobody can reach in time, even in the best case.
- [what-if.md](what-if.md) — ${whatIf ? `"${whatIf.text}"` : 'not run'}.

## Assumptions (summary)

Synthetic roster (50 % Nairobi, then Mombasa, Kisumu, Eldoret, Nakuru and a thin spread of towns; nobody in
the arid north and north-east), synthetic referrals (population × hotspot weights), and a behaviour model
(response delay, acceptance, SMS failure) whose every constant is an assumption to calibrate against the
network's logs. Travel times come from matching-core's travel model (road only, no flights, no rainy-season
closures). Accepted volunteers always turn up (no-shows are not modelled). Raw numbers: [results.json](results.json).
`;
}

const countyName = (code: number) => countyByCode(code).name;

/** Share of missed deadlines from which a county counts as a practical gap for a strategy. */
export const PRACTICAL_GAP_MISS = 0.25;

function practical(data: ReportData): string {
  const rows = COUNTIES.filter((c) =>
    data.strategies.every((s) => {
      const f = data.counties[s]?.find((x) => x.code === c.code);
      return f && f.referralsPerSeed >= 1 && f.deadlineMet !== null && 1 - f.deadlineMet >= PRACTICAL_GAP_MISS;
    }),
  ).map((c) => {
    const cols = data.strategies.map((s) => {
      const f = data.counties[s]?.find((x) => x.code === c.code);
      return f ? `${pct(f.deadlineMet)} met, p90 ${d1(f.p90SiteH)} h` : '—';
    });
    const n = data.counties[data.strategies[0] as string]?.find((x) => x.code === c.code)?.referralsPerSeed ?? 0;
    return `| ${c.name} | ${n.toFixed(1)} | ${cols.join(' | ')} |`;
  });
  if (rows.length === 0) return 'None.';
  const labels = data.strategies.map((s) => STRATEGY_LABEL[s]).join(' | ');
  const align = data.strategies.map(() => '---').join('|');
  return `| County | Referrals / run | ${labels} |\n|---|--:|${align}|\n${rows.join('\n')}`;
}

export function coverageMarkdown(data: ReportData): string {
  const cells = data.coverage.cells;
  const list = (status: 'gap' | 'interior') =>
    cells
      .filter((c) => c.status === status)
      .map((c) =>
        tr([
          countyName(c.county),
          SERVICE_LABEL[c.service],
          COVERAGE_TARGET_HOURS[c.service],
          hoursOrInf(c.hqHours),
          hoursOrInf(c.interiorHours),
        ]),
      );
  const head =
    '| County | Service (required role) | Target h | Best case to HQ town, h | Best case to interior, h |\n|---|---|--:|--:|--:|';
  const gaps = list('gap');
  const interior = list('interior');
  const serviceLabels = COVERAGE_SERVICES.map((s) => SERVICE_LABEL[s]).join(' | ');
  const matrixHead = `| County | ${serviceLabels} |\n|---|${COVERAGE_SERVICES.map(() => '--:').join('|')}|`;
  const matrix = COUNTIES.map((c) => {
    const cols = COVERAGE_SERVICES.map((s) => {
      const cell = cells.find((x) => x.county === c.code && x.service === s);
      if (!cell) return '—';
      const mark = cell.status === 'gap' ? ' **gap**' : cell.status === 'interior' ? ' *interior*' : '';
      return `${hoursOrInf(cell.hqHours)} / ${hoursOrInf(cell.interiorHours)}${mark}`;
    });
    return `| ${c.name} | ${cols.join(' | ')} |`;
  });
  const prep = `${BEHAVIOUR.prepMinutes.day} minutes' preparation`;
  const targets = COVERAGE_SERVICES.map((s) => `${SERVICE_LABEL[s]} ${COVERAGE_TARGET_HOURS[s]} h`).join('; ');
  const unreachable = data.coverage.unreachable
    .slice(0, 25)
    .map((u) => `| ${countyName(u.county)} | ${SERVICE_LABEL[u.service as keyof typeof SERVICE_LABEL] ?? u.service} | ${u.perSeed} |`);
  return `# Coverage gaps — ${data.scenario}

Best case: the nearest qualified volunteer (role and valid credentials; Istanbul Protocol training for
torture documentation) is free, on call and leaves after ${prep}; travel from matching-core's
travel model (road only). Load, schedules, leave and willingness are ignored, so these are floors: reality
is slower. Roster of seed ${data.coverage.seed}.

Targets (the tight end of the deadlines the referral generator draws): ${targets}.

## Gaps: nobody qualified can reach the county's HQ town within the target (${gaps.length})

${gaps.length > 0 ? `${head}\n${gaps.join('\n')}` : 'None.'}

## Interior gaps: the HQ town is reachable, the county's interior (area centroid) is not (${interior.length})

${interior.length > 0 ? `${head}\n${interior.join('\n')}` : 'None.'}

## Practical gaps: counties where every strategy misses at least ${Math.round(PRACTICAL_GAP_MISS * 100)} % of deadlines

Reachable on paper is not reached in practice: a 6-hour drive makes a volunteer much less likely to say yes
(behaviour model), and there are few people to ask. Where all three strategies miss many deadlines, better
ranking cannot help; recruiting nearby can (see what-if.md). Pooled over seeds.

${practical(data)}

## Referrals no strategy could have served in time

${pct(data.coverage.unreachableShare)} of all simulated referrals (all seeds) had a deadline that no qualified volunteer could meet
even in the best case at the referral's actual site. Per seed, by county and service (top 25):

${unreachable.length > 0 ? `| County | Service | Referrals per run |\n|---|---|--:|\n${unreachable.join('\n')}` : 'None.'}

## All counties: best-case hours to HQ town / interior

${matrixHead}
${matrix.join('\n')}
`;
}

export function whatIfMarkdown(w: WhatIfData, scenario: string): string {
  const reach = (r: WhatIfData['coverageChanges'][number]['before']) =>
    `${hoursOrInf(r.hqHours)} / ${hoursOrInf(r.interiorHours)} (${r.status})`;
  const changes = w.coverageChanges.map((c) =>
    tr([countyName(c.county), SERVICE_LABEL[c.service as keyof typeof SERVICE_LABEL] ?? c.service, reach(c.before), reach(c.after)]),
  );
  const target = w.target.map(({ strategy, before: b, after: a }) =>
    tr([
      STRATEGY_LABEL[strategy],
      b.referralsPerSeed.toFixed(1),
      `${d1(b.medianSiteH)} → ${d1(a.medianSiteH)}`,
      `${d1(b.p90SiteH)} → ${d1(a.p90SiteH)}`,
      `${pct(b.deadlineMet)} → ${pct(a.deadlineMet)}`,
      `${pct(b.unmatched)} → ${pct(a.unmatched)}`,
    ]),
  );
  const cls = w.classRows.map(({ before: b, after: a }) =>
    tr([
      STRATEGY_LABEL[b.strategy],
      GROUP_LABEL[b.group],
      `${hours(b.metrics.medianSiteH)} → ${hours(a.metrics.medianSiteH)}`,
      `${hours(b.metrics.p90SiteH)} → ${hours(a.metrics.p90SiteH)}`,
      `${share(b.metrics.deadlineMet)} → ${share(a.metrics.deadlineMet)}`,
      `${share(b.metrics.unmatched)} → ${share(a.metrics.unmatched)}`,
    ]),
  );
  const added = w.additions.map((a) => `${a.count} × ${a.role} in ${a.county}`).join(', ');
  const changesTable =
    changes.length > 0
      ? 'Best-case hours to HQ town / interior that changed:\n\n' +
        `| County | Service | Before | After |\n|---|---|---|---|\n${changes.join('\n')}`
      : 'No best-case reach time changed.';
  return `# What-if — ${scenario}: "${w.text}"

Added ${added}: on call, Istanbul-trained where relevant, home base within a few km of the county HQ,
median behaviour traits. Everything else (roster, referrals, behaviour draws) is identical: same seeds.

## Structural coverage (best case, see coverage-gaps.md)

- Gaps (HQ town out of reach): ${w.gaps.before} → ${w.gaps.after}; interior gaps: ${w.gaps.interiorBefore} → ${w.gaps.interiorAfter}.
- Referrals nobody could have served in time: ${pct(w.unreachableShare.before)} → ${pct(w.unreachableShare.after)}.

${changesTable}

## Simulated outcomes in ${w.counties.map(countyName).join(', ')} (pooled over seeds; all roles' referrals there)

| Strategy | Referrals / run | On site, median h | On site, p90 h | Deadlines met | Unmatched |
|---|--:|--:|--:|--:|--:|
${target.join('\n')}

Few referrals per run come from one county: read these as indicative, and use more seeds for precision.

## County class rows (mean and 95 % CI across seeds), before → after

| Strategy | Counties | On site, median h | On site, p90 h | Deadlines met | Unmatched |
|---|---|--:|--:|--:|--:|
${cls.join('\n')}
`;
}
