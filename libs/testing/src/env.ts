import { randomBytes } from 'node:crypto';
import {
  generateServiceTokenKeyPair,
  parseSigningKey,
  SERVICE_AUDIENCES,
  ServiceTokenIssuer,
  type AccessRole,
  type Principal,
} from '@haki/platform-access';
import { uniqueName } from './unique-names';

const TEST_CONTACT_KEY = randomBytes(32).toString('base64');

/** One gateway key pair per test process: services under test verify with its public half, tests sign as the gateway would. */
export const TEST_SERVICE_TOKEN_KEYS = generateServiceTokenKeyPair('test');
const testIssuer = new ServiceTokenIssuer(parseSigningKey(TEST_SERVICE_TOKEN_KEYS.signingKey));

export type { Principal, AccessRole };

/** One audit checkpoint key per test process. */
export const TEST_AUDIT_ENV = { AUDIT_KEYS: `test:${randomBytes(32).toString('base64')}`, AUDIT_ACTIVE_KEY_ID: 'test' };

/** A principal for tests: `as('ops')`, or with an organisation or roster id. */
export const as = (role: AccessRole, extra: Partial<Principal> = {}): Principal => ({ subject: `${role}-test`, roles: [role], ...extra });

/** `Authorization` header the gateway would send for this principal (default: a supervisor, who may do most things). */
export async function authorizationFor(principal: Principal = as('supervisor')): Promise<{ authorization: string }> {
  return { authorization: `Bearer ${await testIssuer.issue(principal, SERVICE_AUDIENCES)}` };
}

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
    SERVICE_TOKEN_VERIFY_KEYS: TEST_SERVICE_TOKEN_KEYS.verifyKey,
    ...TEST_AUDIT_ENV,
    ...extra,
  };
}
