import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { StartedTestContainer } from 'testcontainers';
import { freePort } from './free-port';

/** An S3-compatible server (versitygw from deploy/local/infra.sh): path-style requests, its root user's keys. */
export interface TestS3Server {
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export interface TestInfrastructure {
  kafkaBrokers: string;
  /** `<user>.password` for the broker's users (deploy/local/infra.sh makes them). */
  kafkaCredentialsDir: string;
  mongoUrl: string;
  redisUrl: string;
  /** From S3_ENDPOINT, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY when set (no container is started for it). */
  s3?: TestS3Server;
  source: 'env' | 'testcontainers';
  stop(): Promise<void>;
}

type Env = Record<string, string | undefined>;

const VARIABLES = ['KAFKA_BROKERS', 'KAFKA_CREDENTIALS_DIR', 'MONGO_URL', 'REDIS_URL'] as const;

/**
 * The S3 server's variables are a set of their own: only the tests of an S3 store need them, and each
 * such test says what to do when they are missing (testS3Server). All or none, and reachable if given.
 */
export const S3_VARIABLES = ['S3_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;

export async function resolveTestInfrastructure(env: Env): Promise<TestInfrastructure> {
  const s3 = await resolveS3Server(env);
  const given = VARIABLES.filter((name) => env[name]);
  if (given.length === VARIABLES.length) {
    await assertReachable(env);
    return {
      kafkaBrokers: env['KAFKA_BROKERS']!,
      kafkaCredentialsDir: env['KAFKA_CREDENTIALS_DIR']!,
      mongoUrl: env['MONGO_URL']!,
      redisUrl: env['REDIS_URL']!,
      ...(s3 ? { s3 } : {}),
      source: 'env',
      stop: async () => undefined,
    };
  }
  if (given.length > 0) {
    const missing = VARIABLES.filter((name) => !env[name]);
    throw new Error(`Test infrastructure: ${given.join(', ')} set but ${missing.join(', ')} missing. Set all of them or none.`);
  }
  if (!(await containerRuntimeAvailable())) {
    throw new Error(
      'Test infrastructure: KAFKA_BROKERS, KAFKA_CREDENTIALS_DIR, MONGO_URL and REDIS_URL are not set, and no container runtime ' +
        'was found.\n' +
        'Run the tests with `npm test` (it starts Kafka, FerretDB and Redis natively via deploy/local/infra.sh),\n' +
        'or start them with `bash deploy/local/infra.sh up` and export the URLs it prints, or install Docker.',
    );
  }
  return { ...(await startContainers()), ...(s3 ? { s3 } : {}) };
}

async function resolveS3Server(env: Env): Promise<TestS3Server | undefined> {
  const given = S3_VARIABLES.filter((name) => env[name]);
  if (given.length === 0) return undefined;
  if (given.length < S3_VARIABLES.length) {
    const missing = S3_VARIABLES.filter((name) => !env[name]);
    throw new Error(`Test infrastructure: ${given.join(', ')} set but ${missing.join(', ')} missing. Set all of them or none.`);
  }
  let url: URL;
  try {
    url = new URL(env['S3_ENDPOINT']!);
  } catch {
    throw new Error(`Test infrastructure: S3_ENDPOINT is not a URL: ${env['S3_ENDPOINT']}`);
  }
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  if (!(await canConnect(url.hostname, port))) {
    throw new Error(
      `Test infrastructure: S3_ENDPOINT points at ${url.host}, which refuses connections. Is \`bash deploy/local/infra.sh up\` running?`,
    );
  }
  return { endpoint: env['S3_ENDPOINT']!, accessKeyId: env['S3_ACCESS_KEY_ID']!, secretAccessKey: env['S3_SECRET_ACCESS_KEY']! };
}

async function containerRuntimeAvailable(): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

/** Same images and versions as docker-compose.yml. */
async function startContainers(): Promise<TestInfrastructure> {
  const [{ MongoDBContainer }, { RedisContainer }] = await Promise.all([
    import('@testcontainers/mongodb'),
    import('@testcontainers/redis'),
  ]);
  const [{ container: kafka, brokers, credentialsDir }, mongo, redis] = await Promise.all([
    startKafkaContainer(),
    new MongoDBContainer('mongo:8').start(),
    // With a password, as every Haki Redis has one.
    new RedisContainer('redis:7').withPassword(randomBytes(18).toString('base64url')).start(),
  ]);
  return {
    kafkaBrokers: brokers,
    kafkaCredentialsDir: credentialsDir,
    mongoUrl: `${mongo.getConnectionString()}?directConnection=true`,
    redisUrl: redis.getConnectionUrl(),
    source: 'testcontainers',
    stop: async () => {
      await Promise.all([kafka.stop(), mongo.stop(), redis.stop()]);
    },
  };
}

/**
 * Kafka secured as the compose file runs it (deploy/docker/kafka/start.sh: a SCRAM user per service, ACLs),
 * with fresh passwords written where the tests read them, on a host port chosen first so it can be advertised.
 */
async function startKafkaContainer(): Promise<{ container: StartedTestContainer; brokers: string; credentialsDir: string }> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const credentialsDir = mkdtempSync(join(tmpdir(), 'haki-kafka-'));
  const environment: Record<string, string> = {};
  // The jest global setup resolves no @haki/* paths: the services are named here (EVENT_SERVICES).
  for (const user of ['admin', 'controller', 'intake-service', 'matching-service', 'notification-service', 'case-service']) {
    const password = randomBytes(18).toString('hex');
    writeFileSync(join(credentialsDir, `${user}.password`), password, { mode: 0o600 });
    environment[`KAFKA_PASSWORD_${user.toUpperCase().replace(/-/g, '_')}`] = password;
  }
  const port = await freePort();
  const container = await new GenericContainer('apache/kafka:3.9.2')
    .withEnvironment({ ...environment, HAKI_KAFKA_INTERNAL: 'localhost:29092', HAKI_KAFKA_HOST: `127.0.0.1:${port}` })
    .withExposedPorts({ container: 9092, host: port })
    .withCopyFilesToContainer([{ source: resolve(__dirname, '../../../deploy/docker/kafka/start.sh'), target: '/haki/start.sh' }])
    .withEntrypoint(['/bin/bash', '/haki/start.sh'])
    .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
    .start();
  return { container, brokers: `127.0.0.1:${port}`, credentialsDir };
}

async function assertReachable(env: Env): Promise<void> {
  const targets = [
    { name: 'KAFKA_BROKERS', address: env['KAFKA_BROKERS']!.split(',')[0]! },
    { name: 'MONGO_URL', address: new URL(env['MONGO_URL']!).host },
    { name: 'REDIS_URL', address: new URL(env['REDIS_URL']!).host },
  ];
  for (const target of targets) {
    const [host, port] = target.address.split(':');
    const ok = await canConnect(host ?? '127.0.0.1', Number(port));
    if (!ok) {
      throw new Error(
        `Test infrastructure: ${target.name} points at ${target.address}, which refuses connections. ` +
          'Is `bash deploy/local/infra.sh up` running?',
      );
    }
  }
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}
