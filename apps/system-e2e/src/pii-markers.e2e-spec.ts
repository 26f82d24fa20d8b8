import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { eventually, LocalMailbox, testInfraUrls, testKafka } from '@haki/testing';
import { HakiSystem, linksAndMailEnv, SERVICE_NAMES, turkanaPostmortem, type CaseView } from './haki-system';

/**
 * Unique markers in every sealed field of several referrals, the referrals taken through offers, an
 * SMS acceptance, confirmations (SMS and email) and a brief opened; then every place data rests or
 * travels is searched for them: every Kafka topic of the deployment (values and headers), every
 * collection of every service database, every Redis key of its queues, every service's log, every
 * SMS recorded and every email sent. The sealed details may appear only in the brief page itself.
 */
describe('survivor PII stays sealed', () => {
  const system = new HakiSystem();
  const mailbox = new LocalMailbox();
  const markers: string[] = [];
  const mark = (field: string) => {
    const marker = `MRK${randomBytes(5).toString('hex')}${field}`;
    markers.push(marker);
    return marker;
  };

  beforeAll(async () => {
    const env = await linksAndMailEnv(await mailbox.start());
    // Logs at debug: the most a service ever writes.
    await Promise.all(SERVICE_NAMES.map((service) => system.start(service, { LOG_LEVEL: 'debug', ...(env[service] ?? {}) })));
  });

  afterAll(async () => {
    await system.stop();
    await mailbox.stop();
  });

  it('appears nowhere but in the brief: not on any topic, in any database, queue, log, SMS or email', async () => {
    const digits = () => String(10_000_000 + Math.floor(Math.random() * 89_999_999));
    const phones: string[] = [];
    const referralIds: string[] = [];
    for (const [county, lat, lon] of [
      ['Turkana', 3.118231, 35.597114],
      ['Nairobi', -1.283117, 36.817223],
      ['Kisumu', -0.091702, 34.767956],
    ] as const) {
      const [phone, subjectPhone] = [`+2547${digits()}`, `+2547${digits()}`];
      phones.push(phone.slice(4), subjectPhone.slice(4));
      const { referralId } = await system.submitReferral({
        ...turkanaPostmortem(),
        county,
        location: { lat, lon },
        town: mark('town'),
        landmark: mark('landmark'),
        subject: { name: mark('subject'), phone: subjectPhone, age: 31 },
        referrer: { name: mark('referrer'), phone, organisation: mark('organisation') },
        narrative: `${mark('narrative')} was held overnight`,
        implicatedAgency: 'Kilimani Police Station',
      });
      referralIds.push(referralId);
      markers.push(String(lat), String(lon));
    }

    // The first referral's pathologist accepts by SMS; their brief is opened.
    const offers = await eventually(async () => {
      const kase = (await system.getCase(referralIds[0]!)) as CaseView;
      const pathologists = kase.roles.find((role) => role.role === 'forensic-pathologist')!.offers;
      expect(pathologists.length).toBeGreaterThan(0);
      return pathologists;
    });
    const phone = await system.phoneOfferedTo(offers[0]!.offerId);
    const code = await eventually(async () => {
      const text = (await system.messagesTo(phone)).find((sms) => /YES \d{4}/.test(sms));
      expect(text).toBeDefined();
      return /YES (\d{4})/.exec(text!)![1]!;
    });
    await system.textFrom(phone, `YES ${code}`, 'pii-msg-1');
    const confirmation = await eventually(async () => {
      const text = (await system.messagesTo(phone)).find((sms) => sms.includes('/briefs/'));
      expect(text).toBeDefined();
      return text!;
    });
    const brief = await (await system.fetch(/(http\S+\/briefs\/\S+)/.exec(confirmation)![1]!)).text();
    expect(brief).toContain(markers[1]); // the subject's name: the brief is where it belongs
    await eventually(async () =>
      expect((await system.getCase(referralIds[0]!)).timeline.some((entry) => entry.summary.startsWith('Brief opened'))).toBe(true),
    );

    // The confirmation's email copy is its own job: wait for it, so the scan covers an email too.
    await eventually(() => expect(mailbox.mails.some((mail) => mail.raw.includes(referralIds[0]!))).toBe(true));

    const places: Record<string, string> = {
      ...(await kafkaText(system)),
      ...(await databaseText(system)),
      ...(await redisText(system)),
      ...Object.fromEntries([...system.running].map(([name, service]) => [`log:${name}`, service.output()])),
      emails: mailbox.mails.map((mail) => mail.raw).join('\n'),
    };
    expect(Object.keys(places).length).toBeGreaterThan(20);
    // The scan reads what it claims to: the referral's id (not PII) is found in each kind of place.
    for (const kind of ['topic:', 'db:', 'redis', 'log:', 'emails']) {
      const found = Object.entries(places).some(([place, text]) => place.startsWith(kind) && text.includes(referralIds[0]!));
      expect([kind, found]).toEqual([kind, true]);
    }
    const bytes = Object.values(places).reduce((sum, text) => sum + text.length, 0);
    process.stdout.write(
      `pii marker scan: ${markers.length + phones.length} markers, ${Object.keys(places).length} places, ${bytes} characters\n`,
    );
    const hits = Object.entries(places).flatMap(([place, text]) =>
      [...markers, ...phones].filter((marker) => text.includes(marker)).map((marker) => `${marker} in ${place}`),
    );
    expect(hits).toEqual([]);
  });
});

/** Every message of every topic of this deployment, from the beginning: values and headers. */
async function kafkaText(system: HakiSystem): Promise<Record<string, string>> {
  const kafka = testKafka('pii-scan');
  const admin = kafka.admin();
  await admin.connect();
  const prefix = system.topic('');
  const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
  const offsets = await Promise.all(topics.map(async (topic) => ({ topic, high: await admin.fetchTopicOffsets(topic) })));
  await admin.disconnect();
  const expected = offsets.reduce((sum, { high }) => sum + high.reduce((n, p) => n + Number(p.high), 0), 0);
  const texts = new Map<string, string[]>();
  let seen = 0;
  const consumer = kafka.consumer({ groupId: `pii-scan-${randomBytes(4).toString('hex')}` });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic, message }) => {
      const headers = Object.values(message.headers ?? {})
        .map(String)
        .join(' ');
      texts.set(topic, [...(texts.get(topic) ?? []), `${message.value?.toString() ?? ''} ${headers}`]);
      seen++;
    },
  });
  await eventually(() => expect(seen).toBeGreaterThanOrEqual(expected), { timeoutMs: 60_000 });
  await consumer.disconnect();
  return Object.fromEntries(topics.map((topic) => [`topic:${topic}`, (texts.get(topic) ?? []).join('\n')]));
}

/** Every document of every collection of every service database, as stored. */
async function databaseText(system: HakiSystem): Promise<Record<string, string>> {
  const found: Record<string, string> = {};
  for (const service of SERVICE_NAMES) {
    const db = (await system.db(service)).db!;
    for (const { name } of await db.listCollections().toArray()) {
      found[`db:${service}/${name}`] = JSON.stringify(await db.collection(name).find().toArray());
    }
  }
  return found;
}

/** Every Redis key of this deployment's queues (BullMQ job data, events, delayed sets), read by its type. */
async function redisText(system: HakiSystem): Promise<Record<string, string>> {
  const redis = new Redis(testInfraUrls().redisUrl);
  const prefix = system.envFor('notification-service')['QUEUE_PREFIX']!;
  const keys = await redis.keys(`${prefix}:*`);
  const values: string[] = [];
  for (const key of keys) {
    const type = await redis.type(key);
    if (type === 'string') values.push(String(await redis.get(key)));
    else if (type === 'hash') values.push(JSON.stringify(await redis.hgetall(key)));
    else if (type === 'list') values.push(JSON.stringify(await redis.lrange(key, 0, -1)));
    else if (type === 'set') values.push(JSON.stringify(await redis.smembers(key)));
    else if (type === 'zset') values.push(JSON.stringify(await redis.zrange(key, '0', '-1')));
    else if (type === 'stream') values.push(JSON.stringify(await redis.xrange(key, '-', '+')));
  }
  await redis.quit();
  expect(keys.length).toBeGreaterThan(0);
  return { redis: `${keys.join('\n')}\n${values.join('\n')}` };
}
