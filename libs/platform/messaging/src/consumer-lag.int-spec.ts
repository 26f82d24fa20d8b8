import { Writable } from 'node:stream';
import { TOPICS } from '@haki/contracts';
import { createLogger } from '@haki/platform-logging';
import { testInfraUrls, testKafkaCredentials, uniqueName } from '@haki/testing';
import { consumerLag } from './consumer-lag';
import { TopicNamer, createKafka, ensureTopics } from './kafka';

const logger = createLogger({ service: 'lag-test', level: 'silent' }, new Writable({ write: (_c, _e, done) => done() }));

describe('consumer lag on real Kafka', () => {
  const kafka = createKafka({ brokers: testInfraUrls().kafkaBrokers, clientId: 'lag-test', logger, credentials: testKafkaCredentials() });
  const admin = kafka.admin();
  beforeAll(() => admin.connect());
  afterAll(() => admin.disconnect());

  it('counts what the group has not committed, from the oldest message when it never committed, down to 0 once it has', async () => {
    const names = new TopicNamer(uniqueName('lag'));
    const [submitted, escalated] = [TOPICS.referralSubmitted, TOPICS.referralEscalated];
    await ensureTopics(kafka, [names.topic(submitted), names.topic(escalated)]);
    const producer = kafka.producer();
    await producer.connect();
    const messages = Array.from({ length: 7 }, (_, i) => ({ key: `referral-${i}`, value: '{}' }));
    await producer.send({ topic: names.topic(submitted), messages });
    await producer.disconnect();

    expect(await consumerLag(admin, names, 'matching-service', [submitted, escalated])).toEqual(
      new Map([
        [submitted, 7],
        [escalated, 0],
      ]),
    );
    // The group commits every partition's end, as a consumer that handled everything would.
    const ends = await admin.fetchTopicOffsets(names.topic(submitted));
    const partitions = ends.map(({ partition, high }) => ({ partition, offset: high }));
    await admin.setOffsets({ groupId: names.group('matching-service'), topic: names.topic(submitted), partitions });
    expect((await consumerLag(admin, names, 'matching-service', [submitted])).get(submitted)).toBe(0);
  });
});
