// Measures the offer loop on a running stack (`npm start`): for each of N critical postmortems, the
// time from POST /referrals to its first pathologist offer, and from ops' "accept" to
// assignment.confirmed. Adds a synthetic roster first (ids `load-…`) and removes it afterwards.
// Traffic goes only to this machine's services. Usage:
//   npm run load:offer-loop -- --referrals 200 --rate 2 --roster 300 --out reports/load/offer-loop
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import { TOPICS, type EventEnvelope } from '@haki/contracts';
import { COUNTIES } from '@haki/geography';
import { percentile } from './percentiles';
import { syntheticRoster } from './synthetic-roster';

type Offered = EventEnvelope<typeof TOPICS.assignmentOffered>;
type Confirmed = EventEnvelope<typeof TOPICS.assignmentConfirmed>;

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1]! : fallback;
}
const count = (name: string, fallback: number, max: number) => {
  const value = Number(option(name, String(fallback)));
  if (!Number.isInteger(value) || value < 1 || value > max) throw new Error(`--${name} must be an integer from 1 to ${max}`);
  return value;
};
const perSecond = (name: string, fallback: number) => {
  const value = Number(option(name, String(fallback)));
  if (!(value > 0 && value <= 100)) throw new Error(`--${name} must be a number of referrals per second above 0, at most 100`);
  return value;
};

const settings = {
  referrals: count('referrals', 200, 5_000),
  rate: perSecond('rate', 2),
  roster: count('roster', 300, 10_000),
  intake: option('intake', 'http://127.0.0.1:4001'),
  matching: option('matching', 'http://127.0.0.1:4002'),
  kafka: option('kafka', process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092'),
  mongo: option('mongo', process.env['MONGO_URL'] ?? 'mongodb://127.0.0.1:27017'),
  out: option('out', 'reports/load/offer-loop'),
  settleSeconds: count('settle', 120, 3_600),
};
for (const url of [settings.intake, settings.matching]) {
  if (!['127.0.0.1', 'localhost'].includes(new URL(url).hostname)) throw new Error(`${url}: load runs target this machine only`);
}

const submittedAt = new Map<string, number>();
const offerLatency = new Map<string, number>();
const acceptedAt = new Map<string, number>();
const confirmLatency = new Map<string, number>();
const failures: string[] = [];

async function main(): Promise<void> {
  const mongo = await mongoose.createConnection(settings.mongo).asPromise();
  const professionals = mongo.useDb('haki_matching').collection('professionals');
  const contacts = mongo.useDb('haki_notification').collection('contacts');
  const roster = syntheticRoster(settings.roster);
  await professionals.deleteMany({ _id: { $in: roster.professionals.map((p) => p._id) } } as never);
  await contacts.deleteMany({ _id: { $in: roster.contacts.map((c) => c._id) } } as never);
  await professionals.insertMany(roster.professionals as never[]);
  await contacts.insertMany(roster.contacts as never[]);
  // Written straight to the database, so the matching service sees them at its next roster refresh
  // (ROSTER_REFRESH_MS, 5 s by default): wait for it before the first referral.
  await new Promise((resolve) => setTimeout(resolve, 6_000));

  const kafka = new Kafka({ clientId: 'load-offer-loop', brokers: settings.kafka.split(','), logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `load-offer-loop-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topics: [TOPICS.assignmentOffered, TOPICS.assignmentConfirmed], fromBeginning: false });
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.run({
    eachMessage: async ({ topic, message }) => {
      const event = JSON.parse(message.value?.toString() ?? 'null') as Offered | Confirmed;
      if (topic === TOPICS.assignmentOffered) return onOffered(event as Offered);
      const confirmed = event as Confirmed;
      const accepted = acceptedAt.get(confirmed.payload.offerId);
      if (accepted !== undefined && !confirmLatency.has(confirmed.payload.offerId)) {
        confirmLatency.set(confirmed.payload.offerId, Date.now() - accepted);
      }
    },
  });
  await joined;

  const started = Date.now();
  const progress = setInterval(
    () =>
      process.stdout.write(
        `${Math.round((Date.now() - started) / 1000)} s: ${submittedAt.size}/${settings.referrals} submitted, ` +
          `${offerLatency.size} offered, ${confirmLatency.size} confirmed\n`,
      ),
    5_000,
  );
  for (let i = 0; i < settings.referrals; i++) {
    const due = started + (i * 1000) / settings.rate;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
    void submit(i);
  }
  const deadline = Date.now() + settings.settleSeconds * 1000;
  // A referral nobody could be offered never gets one: the settle time bounds the wait for those.
  while (Date.now() < deadline && (offerLatency.size < submittedAt.size || confirmLatency.size < acceptedAt.size)) {
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  clearInterval(progress);
  await consumer.disconnect();
  await professionals.deleteMany({ _id: { $in: roster.professionals.map((p) => p._id) } } as never);
  await contacts.deleteMany({ _id: { $in: roster.contacts.map((c) => c._id) } } as never);
  await mongo.close();
  report(Date.now() - started);
}

async function submit(i: number): Promise<void> {
  const county = COUNTIES[i % COUNTIES.length]!;
  const sentAt = Date.now();
  const response = await fetch(`${settings.intake}/referrals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': `load-${randomUUID()}` },
    body: JSON.stringify({
      serviceType: 'postmortem',
      urgency: 'critical',
      county: county.name,
      subject: { name: 'Load Test' },
      referrer: { name: 'Load run' },
    }),
  });
  if (response.status !== 201) return void failures.push(`POST /referrals ${response.status}`);
  const { referralId } = (await response.json()) as { referralId: string };
  submittedAt.set(referralId, sentAt);
}

async function onOffered(event: Offered): Promise<void> {
  const { referralId, offerId, role } = event.payload;
  const sentAt = submittedAt.get(referralId);
  if (sentAt === undefined || role !== 'forensic-pathologist' || offerLatency.has(referralId)) return;
  offerLatency.set(referralId, Date.now() - sentAt);
  acceptedAt.set(offerId, Date.now());
  const response = await fetch(`${settings.matching}/offers/${offerId}/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ response: 'accept', recordedBy: 'load-run' }),
  });
  if (response.status !== 202) {
    acceptedAt.delete(offerId);
    failures.push(`accept ${response.status}`);
  }
}

function report(elapsedMs: number): void {
  const ms = (value: number | undefined) => (value === undefined ? 'n/a' : `${Math.round(value)} ms`);
  const cells = (figures: { p50?: number; p99?: number; max?: number }) => [figures.p50, figures.p99, figures.max].map(ms).join(' | ');
  const offers = [...offerLatency.values()];
  const confirms = [...confirmLatency.values()];
  const results = {
    measuredAt: new Date().toISOString(),
    machine: { cores: cpus().length },
    settings: { ...settings },
    elapsedSeconds: Math.round(elapsedMs / 1000),
    submitted: submittedAt.size,
    offered: offers.length,
    confirmed: confirms.length,
    submissionToFirstOfferMs: { p50: percentile(offers, 50), p99: percentile(offers, 99), max: percentile(offers, 100) },
    acceptanceToConfirmedMs: { p50: percentile(confirms, 50), p99: percentile(confirms, 99), max: percentile(confirms, 100) },
    failures,
  };
  mkdirSync(settings.out, { recursive: true });
  writeFileSync(join(settings.out, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const lines = [
    '# Offer loop latency',
    '',
    `Measured ${results.measuredAt} on a ${results.machine.cores}-core machine with the native stack (\`npm start\`):`,
    `${settings.referrals} critical postmortems at ${settings.rate}/s, over the 47 counties, with ${settings.roster} synthetic`,
    'volunteers (half pathologists, half advocates, capacity 3); ops accept the first pathologist offer of each.',
    '',
    '```sh',
    `npm run load:offer-loop -- --referrals ${settings.referrals} --rate ${settings.rate} --roster ${settings.roster} ` +
      `--out ${settings.out}`,
    '```',
    '',
    '| step | count | p50 | p99 | max |',
    '| --- | --: | --: | --: | --: |',
    `| POST /referrals → first pathologist offer | ${offers.length} of ${submittedAt.size} | ${cells(results.submissionToFirstOfferMs)} |`,
    `| ops accept → assignment.confirmed | ${confirms.length} | ${cells(results.acceptanceToConfirmedMs)} |`,
    '',
    `Failures: ${failures.length ? failures.join(', ') : 'none'}. Raw figures: \`results.json\`.`,
    '',
  ];
  writeFileSync(join(settings.out, 'README.md'), lines.join('\n'));
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
