// Markdown: README.md (table, headline findings, assumptions), coverage-gaps.md, what-if.md.
import { COUNTIES } from '@haki/geography';
import type { Role } from '@haki/vocabulary';
import { BEHAVIOUR } from '../behaviour';
import { countyByCode, COUNTY_CLASS_LABEL, URBAN_SHARE_THRESHOLD } from '../county-class';
import type { StrategyName } from '../engine';
import { CAP_HOURS, LOWER_IS_BETTER, type Group, type MetricKey } from '../metrics';
import { STRATEGY_LABEL } from '../strategies';
import { HEADLINE, type PairedRow, type ReportData, type TableRow } from './analysis';
import { SENSITIVITY_METRICS } from './sensitivity';
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
const infinite = (e: NonNullable<Est>) => `∞ (${e.infinite}/${e.n} seeds)`;
const hours = (e: Est) => (!e ? '—' : e.infinite ? infinite(e) : `${d1(e.mean)} (${d1(e.lo)}–${d1(e.hi)})`);
const share = (e: Est) => (e ? `${pct(e.mean)} (${pct(e.lo).replace('%', '')}–${pct(e.hi)})` : '—');
const num = (e: Est, digits: number) =>
  e && e.mean !== null ? `${e.mean.toFixed(digits)} (${(e.lo ?? 0).toFixed(digits)}–${(e.hi ?? 0).toFixed(digits)})` : '—';
const hoursOrInf = (h: number) => (Number.isFinite(h) ? h.toFixed(1) : 'nobody');
/** Pooled hours where null means ∞ (beyond the share anyone reached). */
const hoursPooled = (h: number | null) => (h === null ? '∞' : h.toFixed(1));
/** One markdown table row: `| a | b | … |`. */
const tr = (cells: readonly (string | number)[]) => `| ${cells.map(String).join(' | ')} |`;

const SHARE_METRICS: ReadonlySet<MetricKey> = new Set([
  'within6h',
  'within12h',
  'within24h',
  'deadlineMet',
  'late',
  'unmatched',
  'escalated',
]);
export const METRIC_LABEL: Record<MetricKey, string> = {
  medianAcceptH: 'median hours to acceptance',
  p90AcceptH: 'p90 hours to acceptance',
  medianSiteH: 'median hours to on site',
  p90SiteH: 'p90 hours to on site',
  cappedMedianSiteH: `median hours to on site, capped at ${CAP_HOURS} h`,
  within6h: 'on site within 6 h',
  within12h: 'on site within 12 h',
  within24h: 'on site within 24 h',
  deadlineMet: 'on site before the deadline',
  late: 'late (after the deadline)',
  unmatched: 'unmatched',
  escalated: 'escalated to ops',
  gini: 'Gini of cases per volunteer',
  maxLoad: 'most cases for one volunteer',
};
const sign = (x: number) => (x > 0 ? '+' : x < 0 ? '−' : '±');
/** A difference: percentage points for shares, hours otherwise. */
function diffValue(metric: MetricKey, x: number | null): string {
  if (x === null) return '—';
  return SHARE_METRICS.has(metric) ? `${sign(x)}${Math.abs(x * 100).toFixed(1)} pp` : `${sign(x)}${Math.abs(x).toFixed(2)} h`;
}
function level(metric: MetricKey, x: number | null): string {
  if (x === null) return '∞';
  return SHARE_METRICS.has(metric) ? pct(x) : `${x.toFixed(1)} h`;
}
const interval = (metric: MetricKey, d: PairedRow['diff']) =>
  !d ? '—' : d.infinite ? 'undefined (∞ in some seed)' : `${diffValue(metric, d.lo)} to ${diffValue(metric, d.hi)}`;
const verdictOf = (r: PairedRow) =>
  r.verdict === 'a better' ? `${label(r.a)} better` : r.verdict === 'b better' ? `${label(r.b)} better` : 'no clear difference';
const label = (s: StrategyName) => STRATEGY_LABEL[s];

export function tableMarkdown(rows: readonly TableRow[]): string {
  const head =
    '| Strategy | Counties | Referrals / run | On site ≤ 6 h | ≤ 12 h | ≤ 24 h | Before deadline | Late | Unmatched | ' +
    'On site, median h | On site, p90 h | Accept, median h | Escalated to ops | Gini (cases / volunteer) | Max cases / volunteer |\n' +
    '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|';
  const body = rows.map((r) => {
    const m = r.metrics;
    return tr([
      label(r.strategy),
      GROUP_LABEL[r.group],
      r.referralsPerSeed,
      share(m.within6h),
      share(m.within12h),
      share(m.within24h),
      share(m.deadlineMet),
      share(m.late),
      share(m.unmatched),
      hours(m.medianSiteH),
      hours(m.p90SiteH),
      hours(m.medianAcceptH),
      POLICY_STRATEGIES.has(r.strategy) ? share(m.escalated) : '—',
      num(m.gini, 2),
      num(m.maxLoad, 0),
    ]);
  });
  return [head, ...body].join('\n');
}

/** Strategies that run matching-core's offer policy (and so can escalate to ops). */
const POLICY_STRATEGIES: ReadonlySet<StrategyName> = new Set(['haki', 'fixed-list-policy', 'nearest-policy', 'local-policy']);

export function pairedMarkdown(rows: readonly PairedRow[], showBaseline = false): string {
  if (rows.length === 0) return 'Not computed (needs Haki and at least one baseline).';
  const head =
    `| Metric | Counties${showBaseline ? ' | Best baseline on it' : ''} | Haki | Baseline | ` +
    'Haki − baseline, mean | 95 % t-interval | Per seed | Verdict |\n' +
    `|---|---|${showBaseline ? '---|' : ''}--:|--:|--:|--:|---|---|`;
  const body = rows.map((r) =>
    tr([
      METRIC_LABEL[r.metric],
      GROUP_LABEL[r.group],
      ...(showBaseline ? [label(r.b)] : []),
      level(r.metric, r.aMean),
      level(r.metric, r.bMean),
      diffValue(r.metric, r.diff?.mean ?? null),
      interval(r.metric, r.diff),
      (r.diff?.perSeed ?? []).map((x) => diffValue(r.metric, x)).join(', '),
      verdictOf(r),
    ]),
  );
  return [head, ...body].join('\n');
}

function ablationMarkdown(data: ReportData): string {
  const at = (s: StrategyName, g: Group, k: MetricKey) => data.table.find((r) => r.strategy === s && r.group === g)?.metrics[k] ?? null;
  const orderings: { label: string; phone: StrategyName; policy: StrategyName }[] = [
    { label: 'Fixed contact sheet', phone: 'fixed-list', policy: 'fixed-list-policy' },
    { label: 'Nearest first (road time)', phone: 'nearest-phone', policy: 'nearest-policy' },
    { label: 'Local first (county, then road time)', phone: 'local-phone', policy: 'local-policy' },
  ];
  const cell = (s: StrategyName, g: Group, k: MetricKey) =>
    !data.strategies.includes(s) ? 'not run' : SHARE_METRICS.has(k) ? share(at(s, g, k)) : hours(at(s, g, k));
  const grid = (g: Group, k: MetricKey) => {
    const rows = orderings.map((o) => tr([o.label, cell(o.phone, g, k), cell(o.policy, g, k)]));
    rows.push(tr(['Haki ranking', '—', cell('haki', g, k)]));
    const head = '| Ordering | Phone coordinator | Haki policy (decide) |\n|---|--:|--:|';
    return `**${METRIC_LABEL[k]} — ${GROUP_LABEL[g]}**\n\n${head}\n${rows.join('\n')}`;
  };
  const pairs = (rows: readonly PairedRow[]) =>
    rows.length === 0
      ? 'Not run.'
      : '| Comparison | Metric | Counties | Difference, mean | 95 % t-interval | Verdict |\n|---|---|---|--:|--:|---|\n' +
        rows
          .map((r) =>
            tr([
              `${label(r.a)} − ${label(r.b)}`,
              METRIC_LABEL[r.metric],
              GROUP_LABEL[r.group],
              diffValue(r.metric, r.diff?.mean ?? null),
              interval(r.metric, r.diff),
              verdictOf(r),
            ]),
          )
          .join('\n');
  return `Each ordering runs twice on the same seeds: phoned down by a coordinator (one call at a time, roles one
after another), and fed to Haki's offer policy (\`decide\`: parallel SMS offers, timeouts, widening, escalation to
ops who phone down the contact sheet — exactly Haki's loop with its ranking swapped for the ordering). Haki is
its ranking under the same policy. So down a column the ordering changes; across a row the policy changes,
and with it one piece of knowledge: the policy rows, like Haki, skip volunteers the roster shows on leave,
where the phone coordinator finds out by calling. Under the policy a role whose only qualified people are
busy waits for a slot (surge triage, least slack first) for every ordering alike.

${grid('all', 'deadlineMet')}

${grid('rural', 'deadlineMet')}

${grid('rural', 'cappedMedianSiteH')}

${grid('all', 'within12h')}

**What the policy adds** (same ordering, policy − phone coordinator; paired over seeds):

${pairs(data.ablation.policy)}

**What the ranking adds** (same policy, Haki − baseline ordering; paired over seeds):

${pairs(data.ablation.ranking)}`;
}

function sensitivityMarkdown(data: ReportData): string {
  const s = data.sensitivity;
  if (!s) return 'Not run (`--no-sensitivity`).';
  const rows = s.rows.flatMap((r) =>
    SENSITIVITY_METRICS.map(({ metric, group }, i) => {
      const lo = r.atLow[i] as PairedRow;
      const hi = r.atHigh[i] as PairedRow;
      const base = data.paired.find((p) => p.metric === metric && p.group === group);
      const values = [lo.diff?.mean, base?.diff?.mean, hi.diff?.mean].filter((x): x is number => typeof x === 'number');
      const band = values.length > 0 ? `${diffValue(metric, Math.min(...values))} … ${diffValue(metric, Math.max(...values))}` : '—';
      return tr([
        i === 0 ? `${r.label}: ${r.low} / **${r.base}** / ${r.high}` : '',
        `${METRIC_LABEL[metric]} (${GROUP_LABEL[group]})`,
        `${diffValue(metric, lo.diff?.mean ?? null)} (${interval(metric, lo.diff)})`,
        diffValue(metric, base?.diff?.mean ?? null),
        `${diffValue(metric, hi.diff?.mean ?? null)} (${interval(metric, hi.diff)})`,
        band,
      ]);
    }),
  );
  const calibrate = s.rows.map((r) => `- ${r.label}: ${r.calibrate}.`).join('\n');
  return `Haki − ${label(s.baseline)} (the strongest baseline of the main run, kept fixed), re-run on the same seeds with
one constant at a time set low and high (\`behaviour.ts\`); the others stay at their assumed values.

| Constant: low / **assumed** / high | Metric | Difference at low (95 % CI) | At assumed | Difference at high (95 % CI) | Band of the mean |
|---|---|--:|--:|--:|--:|
${rows.join('\n')}

What would calibrate them:

${calibrate}`;
}

function plannerMarkdown(data: ReportData): string {
  const p = data.planner;
  if (!p) return 'Not run (`--no-planner`).';
  const rows = p.candidates
    .slice(0, 10)
    .map((c, i) =>
      tr([
        i + 1,
        c.name,
        ROLE_LABEL[c.role],
        c.missedHerePerSeed.toFixed(1),
        c.removed ? `${c.removed.mean?.toFixed(2)} (${c.removed.lo?.toFixed(2)} to ${c.removed.hi?.toFixed(2)})` : '—',
        c.removed ? c.removed.perSeed.join(', ') : '—',
        d1(c.removedHere),
      ]),
    );
  return `One volunteer added (on call, Istanbul-trained if a clinician, home near the county HQ), ${label(p.strategy)} re-run
on the same seeds. Shortlist: the ${p.candidatesPerRole} counties with the most late-or-unmatched referrals for each
required role in the main run (${p.candidates.length} candidates; not every county × role was tried). Removed = late-or-unmatched
referrals per run over the whole network, before minus after, paired per seed. Map: [recruitment.svg](recruitment.svg).

| # | County | Role | Late or unmatched there / run | Removed / run, whole network (95 % CI) | Per seed | Of which in the county |
|--:|---|---|--:|--:|---|--:|
${rows.join('\n')}`;
}

export const ROLE_LABEL: Record<Role, string> = {
  'forensic-pathologist': 'Forensic pathologist',
  clinician: 'Clinician',
  advocate: 'Advocate',
  psychologist: 'Psychologist',
};

export function headlines(data: ReportData): string[] {
  const out: string[] = [];
  if (!data.strategies.includes('haki') || !data.strongestBaseline) return out;
  const b = data.strongestBaseline;
  const hm = HEADLINE.metric;
  const ranked = data.table
    .filter((r) => r.group === HEADLINE.group)
    .sort((x, y) => (y.metrics[hm]?.mean ?? -1) - (x.metrics[hm]?.mean ?? -1))
    .map((r) => `${label(r.strategy)} ${pct(r.metrics[hm]?.mean ?? null)}`);
  out.push(
    `**Headline metric**: share of ALL referrals with the required professional on site (or started by phone where the ` +
      `role allows it) before the medico-legal deadline; late arrivals and unmatched referrals both miss. ` +
      `Ranking: ${ranked.join('; ')}.`,
  );
  out.push(`**Strongest baseline** by that metric: ${label(b)}. Haki is compared with it, paired per seed:`);
  for (const r of data.paired)
    out.push(
      `${METRIC_LABEL[r.metric]} (${GROUP_LABEL[r.group]}): Haki ${level(r.metric, r.aMean)}, ${label(b)} ` +
        `${level(r.metric, r.bMean)}; Haki − baseline ${diffValue(r.metric, r.diff?.mean ?? null)} ` +
        `(95 % CI ${interval(r.metric, r.diff)}) — ${verdictOf(r)}.`,
    );
  const lost = data.pairedBest.filter(
    (r) => r.verdict === 'b better' || (r.diff?.mean ?? 0) * (LOWER_IS_BETTER.has(r.metric) ? 1 : -1) > 0,
  );
  if (lost.length > 0)
    out.push(
      `**Where a baseline does as well or better**: against the best baseline on each metric itself, ` +
        lost
          .map(
            (r) =>
              `${METRIC_LABEL[r.metric]} (${GROUP_LABEL[r.group]}) — ${label(r.b)} ${level(r.metric, r.bMean)} vs Haki ` +
              `${level(r.metric, r.aMean)} (Haki − it ${diffValue(r.metric, r.diff?.mean ?? null)}, ` +
              `95 % CI ${interval(r.metric, r.diff)}; ${verdictOf(r)})`,
          )
          .join('; ') +
        '.',
    );
  if (data.sensitivity) {
    const i = SENSITIVITY_METRICS.findIndex((m) => m.metric === hm && m.group === HEADLINE.group);
    const values = [
      data.paired.find((p) => p.metric === hm && p.group === HEADLINE.group)?.diff?.mean,
      ...data.sensitivity.rows.flatMap((r) => [r.atLow[i]?.diff?.mean, r.atHigh[i]?.diff?.mean]),
    ].filter((x): x is number => typeof x === 'number');
    if (values.length > 0)
      out.push(
        `**Sensitivity**: over the low/high settings of response delay, acceptance by distance and travel willingness, ` +
          `Haki − ${label(data.sensitivity.baseline)} on the headline metric ranges ${diffValue(hm, Math.min(...values))} … ` +
          `${diffValue(hm, Math.max(...values))} (means; intervals in the sensitivity table).`,
      );
  }
  const haki = data.table.find((r) => r.strategy === 'haki' && r.group === 'all')?.metrics;
  if (haki)
    out.push(
      `Haki: ${pct(haki.late?.mean ?? null)} of referrals late, ${pct(haki.unmatched?.mean ?? null)} unmatched, ` +
        `${pct(haki.escalated?.mean ?? null)} escalated to ops (ops' finds count as matched). Volunteers are told the ` +
        'deadline and refuse when they could not start before it, so most misses show up as unmatched rather than late.',
    );
  if (data.planner?.candidates[0]) {
    const c = data.planner.candidates[0];
    out.push(
      `**Recruitment**: of the ${data.planner.candidates.length} shortlisted county × role candidates, one more ` +
        `${ROLE_LABEL[c.role]?.toLowerCase()} in ${c.name} removes the most late-or-unmatched referrals: ` +
        `${c.removed?.mean?.toFixed(2) ?? '—'} per run (95 % CI ${c.removed?.lo?.toFixed(2)} to ${c.removed?.hi?.toFixed(2)}).`,
    );
  }
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
  const maps = data.strategies.map((s) => `- [map-${s}.svg](map-${s}.svg) — ${label(s)}`).join('\n');
  const seeds =
    `- Seeds: ${data.seeds.join(', ')} — each seed draws its own roster (${data.volunteersPerSeed} volunteers) ` +
    `and ${data.referralsPerSeed} referrals; every strategy runs on the same roster, referrals and keyed behaviour draws.`;
  const strongestLine = data.strongestBaseline
    ? `Strongest baseline: **${label(data.strongestBaseline)}**, picked by the mean share of all referrals on site before the deadline.`
    : '';
  const parts = ['main scenario', whatIf ? 'what-if' : '', data.sensitivity ? 'sensitivity' : '', data.planner ? 'recruitment planner' : '']
    .filter(Boolean)
    .join(' + ');
  return `# ${title}

Generated by the Haki network simulator (\`tools/simulator\`, model and assumptions in
[tools/simulator/README.md](../../../tools/simulator/README.md)). Same seeds → same files (except the runtime line).

\`\`\`
${command}
\`\`\`

${seeds}
- Strategies: ${data.strategies.map(label).join('; ')}.
- Travel: every trip is by road on matching-core's Kenya trunk-road network (\`RoadNetwork\`; Lake Turkana is a barrier).
- Runtime: ${runtimeSeconds.toFixed(1)} s for ${runs} runs on this machine (${parts}).

## Headline findings

${headlines(data)
  .map((h) => `- ${h}`)
  .join('\n')}

## Haki against the strongest baseline (paired over seeds)

${strongestLine}
Differences are Haki minus baseline per seed; the interval is a 95 % t-interval over the ${data.seeds.length} seeds. Times use
a cap: unmatched referrals and anything slower count as ${CAP_HOURS} h, so the median stays defined.

${pairedMarkdown(data.paired)}

The strongest baseline by the headline is not necessarily the best on every metric. Haki against the best
baseline **on each metric itself** (picked per metric by its mean, so this is the hardest comparison):

${pairedMarkdown(data.pairedBest, true)}

## Ablation: what the ranking adds, what the policy adds

${ablationMarkdown(data)}

## Sensitivity of the headline difference

${sensitivityMarkdown(data)}

## Recruitment planner: where one more volunteer helps most

${plannerMarkdown(data)}

## Results (mean over seeds, 95 % t-interval across seeds in brackets)

Every figure is over ALL referrals of the group. "On site" = the required professional (pathologist, clinician
or advocate) arrived, or started by phone where the role accepts a remote start (legal aid, the psychologist and
advocate on a torture-documentation team; never a postmortem, an examining clinician or detention support).
Unmatched referrals never arrive: they count in every denominator, and medians and p90s treat them as ∞
("∞ (k/n seeds)" when the percentile falls among them). Before deadline = on site no later than the
medico-legal deadline; late = someone came after it. Gini and maximum load count cases of all roles per volunteer.
County classes: Nairobi City; other urban = urban share ≥ ${Math.round(URBAN_SHARE_THRESHOLD * 100)} % (KNBS 2019) and not
sparse (Mombasa, Kiambu, Uasin Gishu, Nakuru, Kajiado, Kisumu); rural = the other 40 counties.

${tableMarkdown(data.table)}

## Pictures

${maps}
- [time-to-site.svg](time-to-site.svg) — cumulative share of referrals with someone on site, per county class
${data.planner ? '- [recruitment.svg](recruitment.svg) — late-or-unmatched referrals removed by one more volunteer\n' : ''}
## Coverage gaps and what-if

- [coverage-gaps.md](coverage-gaps.md) — counties and roles nobody can reach in time, even in the best case.
- [what-if.md](what-if.md) — ${whatIf ? `"${whatIf.text}"` : 'not run'}.

## Assumptions (summary)

Synthetic roster (50 % Nairobi, then Mombasa, Kisumu, Eldoret, Nakuru and a thin spread of towns; nobody in
the arid north and north-east), synthetic referrals (population × hotspot weights), and a behaviour model
(response delay, acceptance, SMS failure) whose every constant is an assumption to calibrate against the
network's logs. Travel: matching-core's road network (trunk roads, access legs; no flights, no rainy-season
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
      return f ? `${pct(f.deadlineMet)} on time, p90 ${hoursPooled(f.p90SiteH)} h` : '—';
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
road network (road only). Load, schedules, leave and willingness are ignored, so these are floors: reality
is slower. Roster of seed ${data.coverage.seed}.

Targets (the tight end of the deadlines the referral generator draws): ${targets}.

## Gaps: nobody qualified can reach the county's HQ town within the target (${gaps.length})

${gaps.length > 0 ? `${head}\n${gaps.join('\n')}` : 'None.'}

## Interior gaps: the HQ town is reachable, the county's interior (area centroid) is not (${interior.length})

${interior.length > 0 ? `${head}\n${interior.join('\n')}` : 'None.'}

## Practical gaps: counties where every strategy misses at least ${Math.round(PRACTICAL_GAP_MISS * 100)} % of deadlines

Reachable on paper is not reached in practice: a 6-hour drive makes a volunteer much less likely to say yes
(behaviour model), and there are few people to ask. Where every strategy misses many deadlines, better
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
      `${hoursPooled(b.medianSiteH)} → ${hoursPooled(a.medianSiteH)}`,
      `${hoursPooled(b.p90SiteH)} → ${hoursPooled(a.p90SiteH)}`,
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

| Strategy | Referrals / run | On site, median h | On site, p90 h | On site before deadline | Unmatched |
|---|--:|--:|--:|--:|--:|
${target.join('\n')}

Few referrals per run come from one county: read these as indicative, and use more seeds for precision.

## County class rows (mean and 95 % CI across seeds), before → after

| Strategy | Counties | On site, median h | On site, p90 h | On site before deadline | Unmatched |
|---|---|--:|--:|--:|--:|
${cls.join('\n')}
`;
}
