import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
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
const TEST_CASE_KEY = randomBytes(32).toString('base64');

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
export function testInfraUrls(): { kafkaBrokers: string[]; kafkaCredentialsDir: string; mongoUrl: string; redisUrl: string } {
  const { KAFKA_BROKERS, KAFKA_CREDENTIALS_DIR, MONGO_URL, REDIS_URL } = process.env;
  if (!KAFKA_BROKERS || !KAFKA_CREDENTIALS_DIR || !MONGO_URL || !REDIS_URL) {
    throw new Error('testInfraUrls() needs the jest global setup (run integration tests with `npm test`).');
  }
  return { kafkaBrokers: KAFKA_BROKERS.split(','), kafkaCredentialsDir: KAFKA_CREDENTIALS_DIR, mongoUrl: MONGO_URL, redisUrl: REDIS_URL };
}

/** A broker user's password file: `admin` (the operator, a super user) or a service's own user. */
export const kafkaPasswordFile = (user: string): string => join(testInfraUrls().kafkaCredentialsDir, `${user}.password`);

/**
 * Credentials of a broker user (default: the operator, who may do anything: test tooling, recorders,
 * scans). Shaped as platform-messaging's KafkaCredentials, which this library cannot import (that
 * library's own tests use this one).
 */
export function testKafkaCredentials(user = 'admin'): { username: string; password: string } {
  return { username: user, password: readFileSync(kafkaPasswordFile(user), 'utf8').trim() };
}

/** A quiet kafkajs client signed in as `user` (default: the operator). */
export function testKafka(clientId: string, user = 'admin'): Kafka {
  const sasl = { mechanism: 'scram-sha-512' as const, ...testKafkaCredentials(user) };
  return new Kafka({ clientId, brokers: testInfraUrls().kafkaBrokers, logLevel: logLevel.NOTHING, sasl });
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
    // As the operator: an integration test's namespace has no ACLs; the e2e system runs each service as its own user.
    KAFKA_USERNAME: 'admin',
    KAFKA_PASSWORD_FILE: kafkaPasswordFile('admin'),
    KAFKA_TOPIC_PREFIX: prefix,
    MONGO_URL: mongoUrl,
    MONGO_DB: prefix,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'silent',
    // One contact-sealing key per test process: matching seals with it, notification opens.
    CONTACT_KEYS: `test:${TEST_CONTACT_KEY}`,
    CONTACT_ACTIVE_KEY_ID: 'test',
    // The case service's key for notes and evidence files (a fresh one per test process).
    CASE_KEYS: `test:${TEST_CASE_KEY}`,
    CASE_ACTIVE_KEY_ID: 'test',
    SERVICE_TOKEN_VERIFY_KEYS: TEST_SERVICE_TOKEN_KEYS.verifyKey,
    ...TEST_AUDIT_ENV,
    ...extra,
  };
}
