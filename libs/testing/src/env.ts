import { randomBytes } from 'node:crypto';
import { uniqueName } from './unique-names';

const TEST_CONTACT_KEY = randomBytes(32).toString('base64');

/** The servers the global setup found; integration tests build their clients from these. */
export function testInfraUrls(): { kafkaBrokers: string[]; mongoUrl: string; redisUrl: string } {
  const { KAFKA_BROKERS, MONGO_URL, REDIS_URL } = process.env;
  if (!KAFKA_BROKERS || !MONGO_URL || !REDIS_URL) {
    throw new Error('testInfraUrls() needs the jest global setup (run integration tests with `npm test`).');
  }
  return { kafkaBrokers: KAFKA_BROKERS.split(','), mongoUrl: MONGO_URL, redisUrl: REDIS_URL };
}

/**
 * The environment of one service under test: the shared test servers, with a topic prefix, database
 * and queue prefix of its own, and quiet logs. Services read only the variables their schema knows.
 */
export function testServiceEnv(name: string, extra: Record<string, string> = {}): Record<string, string> {
  const { kafkaBrokers, mongoUrl, redisUrl } = testInfraUrls();
  const prefix = uniqueName(name);
  return {
    KAFKA_BROKERS: kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: prefix,
    MONGO_URL: mongoUrl,
    MONGO_DB: prefix,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'silent',
    // One contact-sealing key per test process: matching seals with it, notification opens.
    CONTACT_KEYS: `test:${TEST_CONTACT_KEY}`,
    CONTACT_ACTIVE_KEY_ID: 'test',
    ...extra,
  };
}
