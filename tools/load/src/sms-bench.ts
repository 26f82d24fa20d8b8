// The SMS path's two figures, against the stack `npm start` runs (recording SMS provider, loopback):
//   npm run bench:sms -- [--jobs 2000] [--replies 20]
// 1. Jobs/s through the outbound queue: `--jobs` assignment.offered events published at once (as matching
//    would), each queued, sent through the recording provider and reported; timed from the first publish
//    to the last notification.dispatched.
// 2. Reply to confirmation: `--replies` times, a referral is submitted, the offer SMS's code read from
//    the recorded message, "YES <code>" posted to the Africa's Talking inbound webhook, and the time to
//    assignment.confirmed on the broker taken; the referral is then withdrawn to free capacity.
// Writes reports/sms/sms-bench.{json,md}.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { operatorKafka } from './operator-kafka';
import { EventFactory, TOPICS, type EventEnvelope } from '@haki/contracts';
import { machineFacts } from './machine';
import { percentile } from './percentiles';
import { operatorFetch } from '@haki/platform-access';

/** Signs as the gateway would (scripts export SERVICE_TOKEN_SIGNING_KEY): a supervisor and admin at the services directly. */
const operator = operatorFetch('sms-bench', ['supervisor', 'admin'], process.env['SERVICE_TOKEN_SIGNING_KEY']);
const ROOT = join(__dirname, '../../..');
const INTAKE = 'http://127.0.0.1:4001';
const MATCHING = 'http://127.0.0.1:4002';
const NOTIFICATION = 'http://127.0.0.1:4003';
const PROFESSIONALS = ['pro-nbo-path-1', 'pro-eld-path-1', 'pro-nbo-clin-1', 'pro-ksm-adv-1', 'pro-nak-clin-1'];
const log = (line: string) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};

async function main(): Promise<void> {
  const jobs = arg('jobs', 2000);
  const replies = arg('replies', 20);
  const kafka = operatorKafka('sms-bench');
  const mongoUrl = process.env['MONGO_URL'] ?? 'mongodb://127.0.0.1:27017';
  const notificationDb = await mongoose.createConnection(mongoUrl, { dbName: 'haki_notification' }).asPromise();
  const seen = new Map<string, { topic: string; at: number; event: EventEnvelope }[]>();
  const consumer = kafka.consumer({ groupId: `sms-bench-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({
    topics: [TOPICS.notificationDispatched, TOPICS.assignmentConfirmed, TOPICS.assignmentOffered],
    fromBeginning: false,
  });
  await consumer.run({
    eachMessage: async ({ topic, message }) => {
      const event = JSON.parse(message.value!.toString()) as EventEnvelope;
      const referralId = (event.payload as { referralId: string }).referralId;
      const list = seen.get(referralId) ?? [];
      list.push({ topic, at: Date.now(), event });
      seen.set(referralId, list);
    },
  });
  await new Promise((resolve) => setTimeout(resolve, 3000)); // joined and at the end of each topic

  // 1. Jobs/s.
  const producer = kafka.producer();
  await producer.connect();
  const factory = new EventFactory('sms-bench');
  const run = randomUUID().slice(0, 8);
  const referralIds = Array.from({ length: jobs }, (_, n) => `bench-${run}-${n}`);
  const started = Date.now();
  const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
  for (let from = 0; from < jobs; from += 500) {
    const batch = referralIds.slice(from, from + 500).map((referralId, n) => {
      const payload = {
        referralId,
        offerId: `${referralId}:1`,
        professionalId: PROFESSIONALS[n % PROFESSIONALS.length]!,
        role: 'forensic-pathologist' as const,
        serviceType: 'postmortem' as const,
        urgency: 'critical' as const,
        countyName: 'Turkana',
        rationale: 'sms-bench',
        expiresAt,
      };
      const event = factory.create({ topic: TOPICS.assignmentOffered, key: referralId, correlationId: randomUUID(), payload });
      return { key: referralId, value: JSON.stringify(event) };
    });
    await producer.send({ topic: TOPICS.assignmentOffered, messages: batch });
  }
  log(`published ${jobs} offers`);
  const dispatchedAt = (id: string) => seen.get(id)?.find((entry) => entry.topic === TOPICS.notificationDispatched)?.at;
  let last = 0;
  for (let waited = 0; waited < 600_000; waited += 1000) {
    const done = referralIds.filter((id) => dispatchedAt(id) !== undefined).length;
    if (done === jobs) break;
    if (waited % 10_000 === 0) log(`${done}/${jobs} sent`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  const times = referralIds.map(dispatchedAt).filter((at): at is number => at !== undefined);
  last = Math.max(...times);
  const throughput = {
    jobs,
    sent: times.length,
    seconds: (last - started) / 1000,
    jobsPerSecond: Math.round((times.length / ((last - started) / 1000)) * 10) / 10,
  };
  log(`queue: ${throughput.sent} sent in ${throughput.seconds} s = ${throughput.jobsPerSecond} jobs/s`);

  // 2. Reply → confirmed.
  const secret = readFileSync(join(ROOT, '.cache/run/webhook.secret'), 'utf8').trim();
  const recorded = notificationDb.collection('recorded_messages');
  const latencies: number[] = [];
  for (let n = 0; n < replies; n++) {
    const submitted = await operator(`${INTAKE}/referrals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        serviceType: 'legal-aid',
        county: 'Kisumu',
        source: { kind: 'ngo' },
        consent: { givenBy: 'survivor', scopes: ['share-with-lawyer', 'contact-by-sms'] },
        subject: { name: `Bench Person ${Date.now()}` },
        referrer: { name: 'Bench' },
      }),
    });
    const { referralId } = (await submitted.json()) as { referralId: string };
    const offer = await until(
      () =>
        seen.get(referralId)?.find((entry) => entry.topic === TOPICS.assignmentOffered)?.event.payload as never as {
          offerId: string;
          professionalId: string;
        },
    );
    const message = await until(async () => (await recorded.findOne({ _id: `sms:${offer.offerId}` as never })) ?? undefined);
    const code = /YES (\d{4})/.exec(String(message['text']))![1]!;
    const phone = String(message['to']); // contacts are sealed at rest; the recorded SMS says where it went
    const sentAt = Date.now();
    const webhook = await operator(`${NOTIFICATION}/webhooks/africastalking/${secret}/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ from: phone, to: '40404', text: `YES ${code}`, id: `bench-${run}-${n}`, date: new Date().toISOString() }),
    });
    if (webhook.status !== 200) throw new Error(`inbound webhook answered ${webhook.status}`);
    const confirmedAt = await until(() => seen.get(referralId)?.find((entry) => entry.topic === TOPICS.assignmentConfirmed)?.at);
    latencies.push(confirmedAt - sentAt);
    await operator(`${MATCHING}/referrals/${referralId}/withdrawal`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'sms-bench done' }),
    });
    await new Promise((resolve) => setTimeout(resolve, 1500)); // let the withdrawal free the slots
  }
  const replyToConfirmed = {
    count: latencies.length,
    p50: percentile(latencies, 50),
    p90: percentile(latencies, 90),
    max: percentile(latencies, 100),
  };
  log(`reply → confirmed: p50 ${replyToConfirmed.p50} ms, p90 ${replyToConfirmed.p90} ms, max ${replyToConfirmed.max} ms`);

  const report = {
    at: new Date().toISOString(),
    machine: machineFacts(),
    provider: 'recording',
    throughput,
    replyToConfirmedMs: replyToConfirmed,
    latenciesMs: latencies,
  };
  const directory = join(ROOT, 'reports/sms');
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, 'sms-bench.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(
    join(directory, 'sms-bench.md'),
    [
      '# SMS path benchmark',
      '',
      `Run ${report.at} on ${report.machine.cores} cores (${report.machine.cpuModel}), Node ${report.machine.node},`,
      'the stack of `npm start` (FerretDB, Kafka, Redis on this machine; the recording SMS provider). Reproduce: `npm start`, then',
      `\`npm run bench:sms -- --jobs ${jobs} --replies ${replies}\`.`,
      '',
      '| figure | value |',
      '|---|---|',
      `| offer SMS jobs through the queue (consume, queue, send, record, report) | ` +
        `${throughput.sent} in ${throughput.seconds} s = **${throughput.jobsPerSecond} jobs/s** |`,
      `| inbound "YES <code>" webhook → assignment.confirmed, p50 / p90 / max (n=${replyToConfirmed.count}) | ` +
        `**${replyToConfirmed.p50} / ${replyToConfirmed.p90} / ${replyToConfirmed.max} ms** |`,
      '',
    ].join('\n'),
  );
  await consumer.disconnect();
  await producer.disconnect();
  await notificationDb.close();
}

async function until<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('timed out waiting');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
