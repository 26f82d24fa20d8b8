// Case list over HTTP (not a test): GET /cases on a real case service holding 10,000 cases, as ops and
// volunteers call it through the gateway (the gateway's hop is not included). The rows are stored in
// the service's database first, so the service loads them at start as it would after a restart; every
// request then lists from memory. Writes bench/http-results.{md,json}. Run: npm run bench:cases -- --http
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { CASE_STATUSES } from '@haki/vocabulary';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { generateServiceTokenKeyPair, parseSigningKey, ServiceTokenIssuer, type Principal } from '@haki/platform-access';
import { syntheticCases } from './synthetic-cases';

const CASES = Number(process.env['BENCH_CASES'] ?? 10_000);
const REQUESTS = Number(process.env['BENCH_REQUESTS'] ?? 500);
const WARM_UP = 50;
const round = (x: number) => Math.round(x * 100) / 100;
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

async function main(): Promise<void> {
  const { rows, busiestProfessionalId } = syntheticCases(CASES, 42, Date.now());
  const database = `bench_case_${Date.now()}`;
  const connection = await mongoose.createConnection(process.env['MONGO_URL']!, { dbName: database }).asPromise();
  const collection = connection.collection('case_summaries');
  const seedStart = performance.now();
  // 50 a command: FerretDB stalls on write commands of more than about 100 documents (docs/performance.md).
  for (let i = 0; i < rows.length; i += 50) {
    await collection.insertMany(rows.slice(i, i + 50).map((row) => ({ _id: row.caseId, ...row })) as never[]);
    if (i % 2_000 === 0) console.log(`seeded ${i} / ${rows.length}`);
  }
  await connection.collection('migrations').insertOne({ _id: 'case-summaries-built', at: new Date(), cases: 0 } as never);
  console.log(`seeded ${rows.length} rows in ${Math.round(performance.now() - seedStart)} ms; starting the case service`);

  const startAt = performance.now();
  const keys = generateServiceTokenKeyPair('bench');
  const service = await startCaseService(database, keys.verifyKey);
  const issuer = new ServiceTokenIssuer(parseSigningKey(keys.signingKey));
  const authorizationFor = async (principal: Principal) => ({ authorization: `Bearer ${await issuer.issue(principal, ['case-service'])}` });
  const as = (role: Principal['roles'][number], extra: Partial<Principal> = {}): Principal => ({
    subject: `${role}-bench`,
    roles: [role],
    ...extra,
  });
  const readyMs = performance.now() - startAt;
  try {
    const ops = await authorizationFor(as('ops'));
    const volunteer = await authorizationFor(as('professional', { professionalId: busiestProfessionalId }));
    const queries: { name: string; path: string; headers: Record<string, string> }[] = [
      { name: 'default: open cases, nearest clock first', path: '/cases', headers: ops },
      { name: 'status=closed&sort=-receivedAt', path: '/cases?status=closed&sort=-receivedAt', headers: ops },
      { name: 'county=mombasa,kisumu', path: '/cases?county=mombasa,kisumu', headers: ops },
      { name: 'sla=breached', path: '/cases?sla=breached', headers: ops },
      {
        name: 'serviceType=postmortem&urgency=critical&sort=urgency',
        path: '/cases?serviceType=postmortem&urgency=critical&sort=urgency',
        headers: ops,
      },
      {
        name: 'every status, limit=200',
        path: `/cases?status=${encodeURIComponent(CASE_STATUSES.join(','))}&limit=200`,
        headers: ops,
      },
      { name: "a volunteer's own cases (the busiest)", path: '/cases?status=closed,in-progress,assigned', headers: volunteer },
      { name: 'outcome report (every closed case)', path: '/cases/outcomes', headers: ops },
    ];
    const results = [];
    const all: number[] = [];
    for (const query of queries) {
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < WARM_UP + REQUESTS; i += 1) {
        const t0 = performance.now();
        const response = await fetch(`${service.url}${query.path}`, { headers: query.headers });
        const body = await response.text();
        const ms = performance.now() - t0;
        if (response.status !== 200) throw new Error(`${query.path} answered ${response.status}: ${body.slice(0, 200)}`);
        bytes = body.length;
        if (i >= WARM_UP) times.push(ms);
      }
      times.sort((a, b) => a - b);
      all.push(...times);
      results.push({
        name: query.name,
        bytes,
        p50Ms: round(quantile(times, 0.5)),
        p90Ms: round(quantile(times, 0.9)),
        p99Ms: round(quantile(times, 0.99)),
        maxMs: round(times[times.length - 1]!),
      });
      console.log(`${query.name}: p50 ${results.at(-1)!.p50Ms} ms, p99 ${results.at(-1)!.p99Ms} ms`);
    }
    all.sort((a, b) => a - b);
    const overall = {
      p50Ms: round(quantile(all, 0.5)),
      p90Ms: round(quantile(all, 0.9)),
      p99Ms: round(quantile(all, 0.99)),
      maxMs: round(all[all.length - 1]!),
    };
    const machine = {
      node: process.version,
      cpus: cpus().length,
      cpu: cpus()[0]?.model ?? 'unknown',
      loadAverage: loadavg().map(round),
      date: new Date().toISOString(),
    };
    const report = { cases: CASES, requestsPerQuery: REQUESTS, serviceReadyMs: Math.round(readyMs), machine, overall, queries: results };
    const dir = join(__dirname);
    writeFileSync(join(dir, 'http-results.json'), `${JSON.stringify(report, null, 2)}\n`);
    const lines = [
      `# Case list over HTTP: ${CASES.toLocaleString('en')} cases`,
      '',
      `GET on a real case service (FerretDB behind it; rows loaded at start), ${REQUESTS} sequential requests per query ` +
        `after ${WARM_UP} warm-up; client-side time to the whole body, service token check and audit entry included.`,
      `Node ${machine.node}, ${machine.cpus} × ${machine.cpu}, load average ${machine.loadAverage.join(' ')}, ${machine.date}. ` +
        `Service start with ${CASES} rows to load: ${report.serviceReadyMs} ms.`,
      '',
      '| query | body bytes | p50 ms | p90 ms | p99 ms | max ms |',
      '| --- | --: | --: | --: | --: | --: |',
      ...results.map((r) => `| ${r.name} | ${r.bytes} | ${r.p50Ms} | ${r.p90Ms} | ${r.p99Ms} | ${r.maxMs} |`),
      `| **all queries** | | **${overall.p50Ms}** | **${overall.p90Ms}** | **${overall.p99Ms}** | **${overall.maxMs}** |`,
      '',
    ];
    writeFileSync(join(dir, 'http-results.md'), lines.join('\n'));
    console.log(`overall p99 ${overall.p99Ms} ms; wrote ${join(dir, 'http-results.md')}`);
  } finally {
    await service.stop();
    await connection.dropDatabase();
    await connection.close();
  }
}

/** The case service as its own process on the local servers (infra.sh's env), signing in to the broker as the operator. */
async function startCaseService(database: string, verifyKey: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = 4100 + Math.floor(Math.random() * 800);
  const key = () => `bench:${randomBytes(32).toString('base64')}`;
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/case-service/src/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      KAFKA_USERNAME: 'admin',
      KAFKA_PASSWORD: readFileSync(join(process.env['KAFKA_CREDENTIALS_DIR']!, 'admin.password'), 'utf8').trim(),
      KAFKA_TOPIC_PREFIX: `${database}.`,
      MONGO_DB: database,
      SERVICE_TOKEN_VERIFY_KEYS: verifyKey,
      AUDIT_KEYS: key(),
      AUDIT_ACTIVE_KEY_ID: 'bench',
      CASE_KEYS: key(),
      CASE_ACTIVE_KEY_ID: 'bench',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise((done) => child.once('exit', done));
  const url = `http://127.0.0.1:${port}`;
  for (let waited = 0; ; waited += 250) {
    if (child.exitCode !== null) throw new Error('the case service exited during start');
    if (waited > 120_000) throw new Error('the case service did not get ready in 2 minutes');
    const ready = await fetch(`${url}/health/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
