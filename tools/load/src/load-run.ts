// A load and chaos run against the stack `npm start` runs on this machine (loopback only):
//   npm run load -- --phases 20x300 --roster 1000 --prefill 100000 --chaos matching-service@60,kafka@120
// Imports a synthetic roster through POST /professionals/imports, optionally stores a closed history
// first, sends critical postmortems in rate phases, accepts each first pathologist offer as ops would,
// and follows every referral on the event stream. Then it checks the invariants (nothing lost,
// nothing duplicated, no capacity excess, no dead letters) and writes reports/load/<label>.{json,md}.
// Exits non-zero when an invariant fails. Options: load-options.ts.
import { randomUUID } from 'node:crypto';
import type { Admin, Consumer, Kafka } from 'kafkajs';
import mongoose from 'mongoose';
import { operatorKafka } from './operator-kafka';
import { TOPICS, deadLetterTopic, type EventEnvelope, type Topic } from '@haki/contracts';
import { COUNTIES } from '@haki/geography';
import { capacityInvariant, deadLetterInvariant, streamInvariants, type Observed } from './invariants';
import { LoadOptionError, parseLoadOptions, schedule, type LoadOptions } from './load-options';
import { cpuShares, cpuTimes, machineFacts } from './machine';
import { prefillHistory } from './prefill';
import { writeLoadReport } from './load-report';
import { idleCpu, killAndRestart, restartBroker, stackVersions } from './stack';
import { rosterCsv } from './synthetic-roster';
import { operatorFetch } from '@haki/platform-access';

/** Signs as the gateway would (scripts export SERVICE_TOKEN_SIGNING_KEY): a supervisor and admin at the services directly. */
const operator = operatorFetch('load-run', ['supervisor', 'admin'], process.env['SERVICE_TOKEN_SIGNING_KEY']);
const INTAKE = 'http://127.0.0.1:4001';
const MATCHING = 'http://127.0.0.1:4002';
const HEALTH = [4001, 4002, 4003, 4004].map((port) => `http://127.0.0.1:${port}/health/ready`);
const FOLLOWED: Topic[] = [TOPICS.assignmentOffered, TOPICS.notificationDispatched, TOPICS.referralEscalated, TOPICS.assignmentConfirmed];

const log = (line: string) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

async function main(options: LoadOptions): Promise<number> {
  for (const url of HEALTH)
    if (
      !(await fetch(url).then(
        (r) => r.ok,
        () => false,
      ))
    )
      throw new Error(`${url} is not ready: run npm start first`);
  const mongo = await mongoose.createConnection(process.env['MONGO_URL'] ?? 'mongodb://127.0.0.1:27017').asPromise();
  const kafka = operatorKafka('load-run');
  const admin = kafka.admin();
  await admin.connect();

  await importRoster(options.roster);
  if (options.prefill > 0) await prefillHistory(mongo, options.prefill, log);
  const idleBefore = await measureIdle(options.idleSeconds);
  const deadLettersBefore = await deadLetterCounts(admin);

  const observed: Observed = { submitted: new Map(), offers: [], sms: [], escalations: [], confirmations: [] };
  const failures: string[] = [];
  const seen = new Set<string>();
  const follower = await follow(kafka, (topic, event) => {
    if (seen.has(event.eventId)) return; // a redelivery after a restart: the stream, not the system, repeated it
    seen.add(event.eventId);
    // Kept even before its POST has returned (an offer can beat the answer); the report counts this run's only.
    onEvent(topic, event, observed, failures);
  });

  const due = schedule(options.phases);
  const cpuStart = cpuTimes();
  const started = Date.now();
  const chaosLog: string[] = [];
  const chaos = options.chaos.map(({ target, atSecond }) =>
    new Promise<void>((resolve) => setTimeout(resolve, atSecond * 1000)).then(async () => {
      log(`chaos: ${target === 'kafka' ? 'restarting the broker' : `SIGKILL ${target}`}`);
      const t0 = Date.now();
      await (target === 'kafka' ? restartBroker() : killAndRestart(target));
      chaosLog.push(`${target} at ${atSecond} s: back after ${Math.round((Date.now() - t0) / 100) / 10} s`);
      log(`chaos: ${target} back`);
    }),
  );
  const progress = setInterval(() => {
    const answered = observed.submitted.size - missing(observed, [...observed.offers, ...observed.escalations]);
    log(
      `${Math.round((Date.now() - started) / 1000)} s: ${observed.submitted.size}/${due.length} submitted, ` +
        `${answered} offered or escalated`,
    );
  }, 10_000);
  const posts: Promise<void>[] = [];
  for (const [i, at] of due.entries()) {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + at - Date.now())));
    posts.push(submit(i, observed, failures));
  }
  await Promise.all(posts);
  const lastPost = Date.now();
  const deadline = lastPost + options.settleSeconds * 1000;
  const unanswered = () => missing(observed, [...observed.offers, ...observed.escalations]);
  while (Date.now() < deadline && unanswered() > 0) await new Promise((resolve) => setTimeout(resolve, 250));
  const answeredAt = Math.max(...[...observed.offers, ...observed.escalations].map((e) => e.at), lastPost);
  // Each accepted offer's confirmation (or an escalation) is the referral's outcome: wait for those too.
  while (Date.now() < deadline && missing(observed, [...observed.confirmations, ...observed.escalations]) > 0) {
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await Promise.all(chaos);
  // The last messages come a moment after their events.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  clearInterval(progress);
  const cpuDuring = cpuShares(cpuStart, cpuTimes());
  await follower.stop();

  const idleAfter = await measureIdle(options.idleSeconds);
  const invariants = [
    ...streamInvariants(observed),
    capacityInvariant(...(await capacityState(mongo))),
    deadLetterInvariant(diff(await deadLetterCounts(admin), deadLettersBefore)),
  ];
  await admin.disconnect();
  await mongo.close();

  const files = writeLoadReport({
    options,
    machine: { ...machineFacts(), cpuDuringRun: cpuDuring },
    versions: stackVersions(),
    observed,
    started,
    lastPost,
    drainMs: unanswered() === 0 ? answeredAt - lastPost : undefined,
    idleCpuPctOfOneCore: { before: idleBefore, after: idleAfter },
    chaos: chaosLog,
    failures,
    invariants,
  });
  log(`report: ${files.join(', ')}`);
  return invariants.every((result) => result.ok) ? 0 : 1;
}

async function measureIdle(seconds: number): Promise<number | undefined> {
  if (seconds === 0) return undefined;
  log(`measuring the idle stack for ${seconds} s`);
  return idleCpu(seconds);
}

/**
 * Follows the run's topics in a consumer group of its own. A broker restart can stop a kafkajs consumer
 * for good (a crash it does not restart): then a new one joins the same group and goes on from its
 * committed offsets, so the run does not lose sight of events the system did publish.
 */
async function follow(kafka: Kafka, onEvent: (topic: Topic, event: EventEnvelope) => void): Promise<{ stop: () => Promise<void> }> {
  const groupId = `load-run-${randomUUID()}`;
  const since = Date.now();
  let current: Consumer;
  let stopping = false;
  const start = async (): Promise<void> => {
    const consumer = kafka.consumer({ groupId });
    current = consumer;
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart || stopping) return;
      log(`event follower stopped (${payload.error.message}); following again`);
      void consumer.disconnect().finally(() => start().catch((error: Error) => log(`event follower failed: ${error.message}`)));
    });
    await consumer.connect();
    // From the beginning: a new group that rejoins after a broker restart before committing an offset
    // would otherwise start at the end and skip what was published meanwhile. Older events are dropped.
    await consumer.subscribe({ topics: FOLLOWED, fromBeginning: true });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        const event = JSON.parse(message.value?.toString() ?? 'null') as EventEnvelope;
        if (Date.parse(event.occurredAt) >= since) onEvent(topic as Topic, event);
      },
    });
    await joined;
  };
  await start();
  return {
    stop: async () => {
      stopping = true;
      await current.disconnect();
    },
  };
}

/** How many of this run's referrals have none of these events yet. */
function missing(observed: Observed, events: { referralId: string }[]): number {
  const seen = new Set(events.map((e) => e.referralId));
  return [...observed.submitted.keys()].filter((id) => !seen.has(id)).length;
}

async function importRoster(size: number): Promise<void> {
  const response = await operator(`${MATCHING}/professionals/imports`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv' },
    body: rosterCsv(size),
  });
  if (response.status !== 201) throw new Error(`roster import answered ${response.status}: ${await response.text()}`);
  log(`roster: ${size} volunteers imported; waiting for matching's roster refresh and notification's contacts`);
  // The roster snapshot refreshes every ROSTER_REFRESH_MS (5 s); contacts travel as events.
  await new Promise((resolve) => setTimeout(resolve, 8_000));
}

async function submit(i: number, observed: Observed, failures: string[]): Promise<void> {
  const county = COUNTIES[i % COUNTIES.length]!;
  const sentAt = Date.now();
  try {
    const response = await operator(`${INTAKE}/referrals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `load-${randomUUID()}` },
      body: JSON.stringify({
        // A death in custody three hours ago, burial tomorrow: critical by the clocks. A name of its own
        // per referral, or intake would hold the rest as duplicates of the first.
        serviceType: 'postmortem',
        death: {
          at: new Date(sentAt - 3 * 3_600_000).toISOString(),
          circumstance: 'custody',
          plannedBurialAt: new Date(sentAt + 20 * 3_600_000).toISOString(),
        },
        county: county.name,
        source: { kind: 'ngo' },
        consent: { givenBy: 'next-of-kin', scopes: ['share-with-doctor', 'share-with-lawyer'] },
        subject: { name: `Load Test ${randomUUID()}` },
        referrer: { name: 'Load run' },
      }),
    });
    if (response.status !== 201) return void failures.push(`POST /referrals answered ${response.status}`);
    const { referralId } = (await response.json()) as { referralId: string };
    observed.submitted.set(referralId, sentAt);
  } catch (error) {
    failures.push(`POST /referrals failed: ${(error as Error).message}`);
  }
}

const firstOffers = new Set<string>();

function onEvent(topic: Topic, event: EventEnvelope, observed: Observed, failures: string[]): void {
  const at = Date.now();
  const p = event.payload as Record<string, string>;
  const referralId = event.key;
  switch (topic) {
    case TOPICS.assignmentOffered: {
      const first = !firstOffers.has(`${referralId} ${p['role']}`);
      firstOffers.add(`${referralId} ${p['role']}`);
      observed.offers.push({ referralId, offerId: p['offerId']!, professionalId: p['professionalId']!, role: p['role']!, at });
      // Ops accept each referral's first pathologist offer, as after a phone call.
      if (first && p['role'] === 'forensic-pathologist') void accept(p['offerId']!, failures);
      return;
    }
    case TOPICS.notificationDispatched:
      observed.sms.push({
        referralId,
        offerId: p['offerId']!,
        notificationId: p['notificationId']!,
        purpose: p['purpose'] ?? 'offer',
        channel: p['channel'] ?? 'sms',
        status: p['status']!,
        at,
      });
      return;
    case TOPICS.referralEscalated:
      observed.escalations.push({ referralId, role: p['role'] ?? '*', at });
      return;
    case TOPICS.assignmentConfirmed:
      observed.confirmations.push({ referralId, offerId: p['offerId']!, role: p['role']!, at });
      return;
  }
}

/** Ops accept by phone; a service restarting (a chaos step) is called again, as ops would. */
async function accept(offerId: string, failures: string[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const response = await operator(`${MATCHING}/offers/${offerId}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response: 'accept' }),
    }).catch((error: Error) => ({ status: 0, statusText: error.message }));
    if (response.status === 202) return;
    if ((response.status === 0 || response.status >= 500) && attempt < 10) {
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      continue;
    }
    return void failures.push(`accept answered ${response.status}`);
  }
}

/** Open slots and capacity of every professional (a whole read: fine once, after the run). */
async function capacityState(mongo: mongoose.Connection): Promise<[Map<string, number>, Map<string, number>]> {
  const matching = mongo.useDb('haki_matching');
  const open = await matching
    .collection('capacity_slots')
    .aggregate<{ _id: string; n: number }>([{ $group: { _id: '$professionalId', n: { $sum: 1 } } }])
    .toArray();
  const capacity = await matching
    .collection('professionals')
    .find({}, { projection: { capacity: 1 } })
    .toArray();
  return [new Map(open.map((o) => [o._id, o.n])), new Map(capacity.map((p) => [String(p._id), Number(p['capacity'])]))];
}

async function deadLetterCounts(admin: Admin): Promise<Map<string, number>> {
  const topics = (await admin.listTopics()).filter((topic) => topic.endsWith(deadLetterTopic('')));
  const counts = new Map<string, number>();
  for (const topic of topics) {
    const offsets = await admin.fetchTopicOffsets(topic);
    counts.set(
      topic,
      offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0),
    );
  }
  return counts;
}

const diff = (after: Map<string, number>, before: Map<string, number>) =>
  new Map([...after].map(([topic, count]) => [topic, count - (before.get(topic) ?? 0)]));

let options: LoadOptions;
try {
  options = parseLoadOptions(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof LoadOptionError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
}
main(options).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
