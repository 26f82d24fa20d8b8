import type { TestS3Server } from './infrastructure';

/**
 * The S3-compatible server for tests of an S3 store: versitygw, which `npm test` starts through
 * deploy/local/infra.sh and whose endpoint and root user's keys the jest global setup passes on.
 * Throws, saying what to do, when there is none: such a test fails, it is never silently skipped.
 */
export function testS3Server(): TestS3Server {
  const { S3_ENDPOINT, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY } = process.env;
  if (!S3_ENDPOINT || !S3_ACCESS_KEY_ID || !S3_SECRET_ACCESS_KEY) {
    const missing = Object.entries({ S3_ENDPOINT, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY })
      .filter(([, value]) => !value)
      .map(([name]) => name);
    throw new Error(
      `No S3-compatible server for this test: ${missing.join(', ')} not set.\n` +
        'Run the tests with `npm test` (it starts versitygw with Kafka, FerretDB and Redis via deploy/local/infra.sh),\n' +
        'or start them with `bash deploy/local/infra.sh up` and export the lines it prints ' +
        '(S3_ENDPOINT, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY).',
    );
  }
  return { endpoint: S3_ENDPOINT, accessKeyId: S3_ACCESS_KEY_ID, secretAccessKey: S3_SECRET_ACCESS_KEY };
}
