import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';

export interface TestInfrastructure {
  kafkaBrokers: string;
  mongoUrl: string;
  redisUrl: string;
  source: 'env' | 'testcontainers';
  stop(): Promise<void>;
}

type Env = Record<string, string | undefined>;

const VARIABLES = ['KAFKA_BROKERS', 'MONGO_URL', 'REDIS_URL'] as const;

export async function resolveTestInfrastructure(env: Env): Promise<TestInfrastructure> {
  const given = VARIABLES.filter((name) => env[name]);
  if (given.length === VARIABLES.length) {
    await assertReachable(env);
    return {
      kafkaBrokers: env['KAFKA_BROKERS']!,
      mongoUrl: env['MONGO_URL']!,
      redisUrl: env['REDIS_URL']!,
      source: 'env',
      stop: async () => undefined,
    };
  }
  if (given.length > 0) {
    const missing = VARIABLES.filter((name) => !env[name]);
    throw new Error(`Test infrastructure: ${given.join(', ')} set but ${missing.join(', ')} missing. Set all three or none.`);
  }
  if (!(await containerRuntimeAvailable())) {
    throw new Error(
      'Test infrastructure: KAFKA_BROKERS, MONGO_URL and REDIS_URL are not set and no container runtime was found.\n' +
        'Run the tests with `npm test` (it starts Kafka, FerretDB and Redis natively via deploy/local/infra.sh),\n' +
        'or start them with `bash deploy/local/infra.sh up` and export the URLs it prints, or install Docker.',
    );
  }
  return startContainers();
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
  const [{ KafkaContainer }, { MongoDBContainer }, { RedisContainer }] = await Promise.all([
    import('@testcontainers/kafka'),
    import('@testcontainers/mongodb'),
    import('@testcontainers/redis'),
  ]);
  const [kafka, mongo, redis] = await Promise.all([
    new KafkaContainer('apache/kafka:3.9.2').withKraft().start(),
    new MongoDBContainer('mongo:8').start(),
    // With a password, as every Haki Redis has one.
    new RedisContainer('redis:7').withPassword(randomBytes(18).toString('base64url')).start(),
  ]);
  return {
    kafkaBrokers: `${kafka.getHost()}:${kafka.getMappedPort(9093)}`,
    mongoUrl: `${mongo.getConnectionString()}?directConnection=true`,
    redisUrl: redis.getConnectionUrl(),
    source: 'testcontainers',
    stop: async () => {
      await Promise.all([kafka.stop(), mongo.stop(), redis.stop()]);
    },
  };
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
