// Case list benchmark (not a test): latency of listCases over 10,000 in-memory summaries for the
// queries ops and volunteers make, plus what parsing the query and serialising a page add to a request.
// Writes bench/results.md and results.json. Run: npm run bench:cases
// (node --expose-gc -r @swc-node/register apps/case-service/bench/case-list.bench.ts)
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { CASE_STATUSES, type CaseSummary } from '../src/case-list/case-summary';
import { listCases, parseCaseListQuery, type CaseList, type CaseListQuery } from '../src/case-list/case-list-query';
import { comparePositions, positionOf } from '../src/case-list/case-order';
import { syntheticCases } from './synthetic-cases';

const NOW = new Date('2026-11-26T09:00:00+03:00');
// BENCH_CASES=100000 to see how it scales; BENCH_ITERATIONS for a quick run.
const CASES = Number(process.env['BENCH_CASES'] ?? 10_000);
const ITERATIONS = Number(process.env['BENCH_ITERATIONS'] ?? 2_000);
const WARM_UP = 300;

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const round = (x: number) => Math.round(x * 1000) / 1000;
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

interface Timing {
  samples: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
}

function summarise(times: number[]): Timing {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    samples: sorted.length,
    p50Ms: round(quantile(sorted, 0.5)),
    p90Ms: round(quantile(sorted, 0.9)),
    p99Ms: round(quantile(sorted, 0.99)),
    maxMs: round(sorted[sorted.length - 1]!),
    meanMs: round(sorted.reduce((sum, t) => sum + t, 0) / sorted.length),
  };
}

/** Milliseconds per call, after a warm-up so the JIT has compiled the path being timed. */
function measure(run: () => unknown): number[] {
  for (let i = 0; i < WARM_UP; i++) run();
  gc();
  const times: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const t0 = process.hrtime.bigint();
    run();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return times;
}

const loadBefore = loadavg()[0]?.toFixed(2);
const started = Date.now();
gc();
const heapBefore = process.memoryUsage().heapUsed;
const { rows: generated, busiestProfessionalId } = syntheticCases(CASES, 20_261_126, NOW.getTime());
// The service keeps its rows in a Map by case id and lists its values(): the same iteration here.
const store = new Map<string, CaseSummary>(generated.map((row) => [row.caseId, row]));
gc();
const summariesHeapMb = Math.round(((process.memoryUsage().heapUsed - heapBefore) / 1_048_576) * 10) / 10;
const rows = () => store.values();

/** The cursor that opens page `page` of a query, found by walking the pages before it. */
function cursorForPage(raw: Record<string, string>, page: number): string {
  let cursor: string | undefined;
  for (let i = 1; i < page; i++) {
    cursor = listCases(rows(), parseCaseListQuery({ ...raw, ...(cursor ? { cursor } : {}) }), NOW).nextCursor;
    if (!cursor) throw new Error(`fewer than ${page} pages for ${JSON.stringify(raw)}`);
  }
  return cursor!;
}

const everyStatus = CASE_STATUSES.join(',');
const QUERIES: { name: string; raw: Record<string, string> }[] = [
  { name: 'default: open cases, nearest clock first', raw: {} },
  { name: 'status=closed&sort=-receivedAt', raw: { status: 'closed', sort: '-receivedAt' } },
  { name: 'county=mombasa,kisumu (open)', raw: { county: 'mombasa,kisumu' } },
  { name: 'sla=breached (open)', raw: { sla: 'breached' } },
  {
    name: `professionalId (busiest), every status, -updatedAt`,
    raw: { professionalId: busiestProfessionalId, status: everyStatus, sort: '-updatedAt' },
  },
  {
    name: 'serviceType=postmortem,torture-documentation&sort=urgency&maxAgeHours=72',
    raw: { serviceType: 'postmortem,torture-documentation', sort: 'urgency', maxAgeHours: '72' },
  },
  { name: 'every status, limit=200, sort=updatedAt', raw: { status: everyStatus, limit: '200', sort: 'updatedAt' } },
];
QUERIES.push({ name: 'default, page 5 (cursor from page 4)', raw: { cursor: cursorForPage({}, 5) } });
QUERIES.push({
  name: 'status=closed&sort=-receivedAt, page 5',
  raw: { status: 'closed', sort: '-receivedAt', cursor: cursorForPage({ status: 'closed', sort: '-receivedAt' }, 5) },
});

interface Row extends Timing {
  name: string;
  returned: number;
  total: number;
}

const results: Row[] = [];
const pooled: number[] = [];
for (const { name, raw } of QUERIES) {
  const query = parseCaseListQuery(raw);
  let last: CaseList | undefined;
  const times = measure(() => (last = listCases(rows(), query, NOW)));
  pooled.push(...times);
  results.push({ name, returned: last!.cases.length, total: last!.counts.total, ...summarise(times) });
  console.log(`${name}: p50 ${results.at(-1)!.p50Ms} ms p99 ${results.at(-1)!.p99Ms} ms (${last!.counts.total} match)`);
}
const overall = summarise(pooled);

// The first list over rows never listed before (after loading, or for rows replaced since) parses
// their instants; later lists reuse them (row-times.ts). Fresh copies of every row, cloned untimed.
const COLD_SAMPLES = 30;
const coldTimes: number[] = [];
const defaultQuery = parseCaseListQuery({});
for (let i = 0; i < COLD_SAMPLES; i++) {
  const fresh = structuredClone(generated);
  const t0 = process.hrtime.bigint();
  listCases(fresh, defaultQuery, NOW);
  coldTimes.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
const cold = { name: `default, every row new to the list (${COLD_SAMPLES} samples)`, ...summarise(coldTimes) };

// The rest of a request: reading the query string, and turning the answer into the HTTP body.
const defaultPage = listCases(rows(), parseCaseListQuery({}), NOW);
const pageBytes = Buffer.byteLength(JSON.stringify(defaultPage));
const largestPage = listCases(rows(), parseCaseListQuery({ status: everyStatus, limit: '200' }), NOW);
const largestPageBytes = Buffer.byteLength(JSON.stringify(largestPage));
const pageFive = QUERIES[7]!.raw;
const requestParts: (Timing & { name: string })[] = [
  { name: 'parse query string (zod, with a cursor)', ...summarise(measure(() => parseCaseListQuery(pageFive))) },
  { name: `JSON.stringify default page (50 cases + counts, ${pageBytes} bytes)`, ...summarise(measure(() => JSON.stringify(defaultPage))) },
  {
    name: `JSON.stringify largest page (200 cases + counts, ${largestPageBytes} bytes)`,
    ...summarise(measure(() => JSON.stringify(largestPage))),
  },
];

// What the partial selection saves, against the simple alternative: every match kept, sorted, sliced.
// Both queries filter on status alone, so the alternative's filter is the same; it skips the counts,
// which only flatters it.
function fullSortAlternative(query: CaseListQuery): CaseSummary[] {
  const statuses = new Set<string>(query.status);
  const matches: { row: CaseSummary; position: ReturnType<typeof positionOf> }[] = [];
  for (const row of rows()) if (statuses.has(row.status)) matches.push({ row, position: positionOf(query.sort, row) });
  return matches
    .sort((a, b) => comparePositions(a.position, b.position))
    .slice(0, query.limit)
    .map(({ row }) => row);
}
const alternatives = [QUERIES[0]!, QUERIES[1]!].map(({ name, raw }) => {
  const query = parseCaseListQuery(raw);
  const ids = (cases: CaseSummary[]) => cases.map((c) => c.caseId).join();
  const sameFirstPage = ids(fullSortAlternative(query)) === ids(listCases(rows(), query, NOW).cases);
  return { name: `${name}: keep every match, sort, slice`, sameFirstPage, ...summarise(measure(() => fullSortAlternative(query))) };
});

const statusMix = Object.fromEntries(CASE_STATUSES.map((status) => [status, generated.filter((row) => row.status === status).length]));
const slaOfOpen = ['on-track', 'at-risk', 'breached'].map(
  (sla) => `${sla} ${listCases(rows(), parseCaseListQuery({ sla }), NOW).counts.total}`,
);

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  totalMemoryGb: Math.round(totalmem() / 1e9),
  node: process.version,
  date: new Date().toISOString(),
  wallSeconds: Math.round((Date.now() - started) / 1000),
  // The machine is shared; a 1-minute load average near the core count means the timings are contended.
  loadAverageBefore: loadBefore,
  loadAverageAfter: loadavg()[0]?.toFixed(2),
};
const percentOf = (n: number) => Math.round((n / generated.length) * 100);
const nairobiPercent = percentOf(generated.filter((row) => row.county === 'Nairobi').length);
const countiesSeen = new Set(generated.map((row) => row.county)).size;
const data = { cases: CASES, summariesHeapMb, statusMix, openCasesBySla: slaOfOpen.join(', '), nairobiPercent, countiesSeen };
writeFileSync(
  join(__dirname, 'results.json'),
  JSON.stringify(
    { machine, iterations: ITERATIONS, warmUp: WARM_UP, data, queries: results, overall, cold, requestParts, alternatives },
    null,
    2,
  ) + '\n',
);

const table = (header: string[], body: (string | number | boolean)[][]) =>
  [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...body.map((r) => `| ${r.join(' | ')} |`)].join('\n');
const timingColumns = ['samples', 'p50', 'p90', 'p99', 'max', 'mean'];
const timingCells = (t: Timing) => [t.samples, t.p50Ms, t.p90Ms, t.p99Ms, t.maxMs, t.meanMs];
writeFileSync(
  join(__dirname, 'results.md'),
  `# case-service case list benchmark

Generated by \`bench/case-list.bench.ts\` (\`npm run bench:cases\`; seeded synthetic data, rerun to refresh).
One sample = one \`listCases\` call over every summary held in memory, single thread, after ${WARM_UP} warm-up calls.

- Machine: ${machine.cpu}, ${machine.cores} cores visible, ${machine.totalMemoryGb} GB RAM
- Node ${machine.node}, ${machine.date}, run took ${machine.wallSeconds} s
- 1-minute load average before/after: ${machine.loadAverageBefore} / ${machine.loadAverageAfter} (shared machine: other work may be running)
- Data: ${CASES.toLocaleString('en')} summaries (${summariesHeapMb} MB of heap), ${Object.entries(statusMix)
    .map(([status, n]) => `${status} ${n}`)
    .join(', ')}; open cases by SLA state: ${data.openCasesBySla}. ${nairobiPercent}% from Nairobi, then eight big towns,
  ${countiesSeen} counties in all; 0–3 professionals each from a pool of 600 (a few carry many cases).

## listCases latency (ms)

${table(
  ['query', 'matches', 'returned', ...timingColumns],
  results.map((r) => [r.name, r.total, r.returned, ...timingCells(r)]),
)}
| **all queries above** | | | ${timingCells(overall).join(' | ')} |

Rows are timed with their instants already parsed (kept per row object, row-times.ts), as on a running
service. The first list over rows it has not seen (after loading, or a replaced row) parses them:

${table(['query', ...timingColumns], [[cold.name, ...timingCells(cold)]])}

## The rest of a request (ms)

${table(
  ['step', ...timingColumns],
  requestParts.map((r) => [r.name, ...timingCells(r)]),
)}

## Partial selection against a full sort (ms)

${table(
  ['alternative', 'same first page', ...timingColumns],
  alternatives.map((r) => [r.name, r.sameFirstPage, ...timingCells(r)]),
)}
`,
);
console.log(`overall p50 ${overall.p50Ms} ms p99 ${overall.p99Ms} ms; wrote bench/results.md and bench/results.json`);
