// Times each query shape the services use, on a collection of N documents, against any server that
// speaks the MongoDB wire protocol: the figures behind docs/performance.md's choice of local engine.
// Works in its own database (`store_probe`), dropped at the end. Usage:
//   npm run probe:store -- --url mongodb://127.0.0.1:27017 --docs 20000 --label ferretdb-sqlite
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { argOption } from './load-options';
import { machineFacts } from './machine';

const option = (name: string, fallback: string) => argOption(process.argv, name, fallback);

const settings = {
  url: option('url', process.env['MONGO_URL'] ?? 'mongodb://127.0.0.1:27017'),
  docs: Number(option('docs', '20000')),
  label: option('label', 'local'),
  out: option('out', 'reports/store-probe'),
};
if (!Number.isInteger(settings.docs) || settings.docs < 1_000 || settings.docs > 1_000_000)
  throw new Error('--docs must be 1,000 to 1,000,000');
if (!['127.0.0.1', 'localhost'].includes(new URL(settings.url).hostname))
  throw new Error(`${settings.url}: probes target this machine only`);

interface Doc {
  _id: string;
  status: string;
  caseId: string;
  body: string;
}

async function main(): Promise<void> {
  const client = await mongoose.mongo.MongoClient.connect(settings.url);
  const db = client.db('store_probe');
  await db.dropDatabase();
  const docs = db.collection<Doc>('docs');
  await docs.createIndex({ status: 1 });
  await docs.createIndex({ caseId: 1 });
  const loadStarted = Date.now();
  for (let first = 0; first < settings.docs; first += 1_000) {
    await docs.insertMany(
      Array.from({ length: Math.min(1_000, settings.docs - first) }, (_, i) => {
        const n = first + i;
        return { _id: `d${n}`, status: n % 100 === 0 ? 'queued' : 'sent', caseId: `c${n % 5_000}`, body: 'x'.repeat(300) };
      }),
    );
  }
  const loadMs = Date.now() - loadStarted;
  // The local FerretDB adds its `_id` lookup index within a second of a new collection (idindex.go).
  await new Promise((resolve) => setTimeout(resolve, 2_000));

  const id = (i: number) => `d${(i * 7919) % settings.docs}`;
  const shapes: [string, (i: number) => Promise<unknown>, number][] = [
    ['find { _id }', (i) => docs.findOne({ _id: id(i) }), 50],
    ['updateOne { _id } $set', (i) => docs.updateOne({ _id: id(i) }, { $set: { status: 'seen' } }), 50],
    ['updateOne { _id } upsert (new)', (i) => docs.updateOne({ _id: `new-${i}` }, { $set: { status: 'x' } }, { upsert: true }), 50],
    ['insertOne', (i) => docs.insertOne({ _id: `ins-${i}`, status: 'y', caseId: 'c', body: '' }), 50],
    ['deleteOne { _id }', (i) => docs.deleteOne({ _id: `ins-${i}` }), 50],
    ['find { _id, status }', (i) => docs.findOne({ _id: id(i), status: 'sent' }), 10],
    ['find { _id: { $in: 5 ids } }', (i) => docs.find({ _id: { $in: [1, 2, 3, 4, 5].map((k) => id(i * 5 + k)) } }).toArray(), 5],
    ['find { caseId } (indexed field)', (i) => docs.find({ caseId: `c${i}` }).toArray(), 5],
    ['find { status } (indexed field)', () => docs.find({ status: 'queued' }).toArray(), 5],
  ];
  const results: { shape: string; meanMs: number; runs: number }[] = [];
  for (const [shape, run, runs] of shapes) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < runs; i++) await run(i);
    const meanMs = Number(process.hrtime.bigint() - started) / 1e6 / runs;
    results.push({ shape, meanMs: Math.round(meanMs * 10) / 10, runs });
    process.stdout.write(`${shape}: ${meanMs.toFixed(1)} ms\n`);
  }
  await db.dropDatabase();
  await client.close();

  const report = { measuredAt: new Date().toISOString(), machine: machineFacts(), settings, loadMs, results };
  mkdirSync(settings.out, { recursive: true });
  writeFileSync(join(settings.out, `${settings.label}-${settings.docs}.json`), `${JSON.stringify(report, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
