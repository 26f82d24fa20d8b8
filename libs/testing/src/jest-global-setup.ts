import { resolveTestInfrastructure } from './infrastructure';
import { deleteStaleTestTopics } from './stale-topics';

/**
 * Runs once before integration and e2e tests. Finds Kafka, MongoDB-wire and Redis from the env URLs
 * (what CI and `npm test` set after starting the native servers), else starts containers when Docker
 * is present, else fails with a message that says what to do. The S3-compatible server (S3_ENDPOINT,
 * S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY) is checked when given and passed on; the tests that need it
 * fail with their own message without it. Workers inherit the env set here.
 */
export default async function globalSetup(): Promise<void> {
  const infra = await resolveTestInfrastructure(process.env);
  process.env['KAFKA_BROKERS'] = infra.kafkaBrokers;
  process.env['KAFKA_CREDENTIALS_DIR'] = infra.kafkaCredentialsDir;
  process.env['MONGO_URL'] = infra.mongoUrl;
  process.env['REDIS_URL'] = infra.redisUrl;
  if (infra.s3) {
    process.env['S3_ENDPOINT'] = infra.s3.endpoint;
    process.env['S3_ACCESS_KEY_ID'] = infra.s3.accessKeyId;
    process.env['S3_SECRET_ACCESS_KEY'] = infra.s3.secretAccessKey;
  }
  (globalThis as Record<string, unknown>)['__HAKI_TEST_INFRA__'] = infra;
  const deleted = await deleteStaleTestTopics(infra);
  if (deleted > 0) console.log(`test setup: deleted ${deleted} topics left by earlier test runs`);
}
