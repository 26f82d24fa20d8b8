import { Kafka, logLevel, type KafkaConfig, type LogEntry } from 'kafkajs';
import { describeError, HakiError } from '@haki/contracts';
import type { Logger } from '@haki/platform-logging';
import './kafkajs-idle-fix';

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** Who a client is to the broker: every Haki broker requires SASL/SCRAM (docs/decisions/0010). */
export interface KafkaCredentials {
  username: string;
  password: string;
  mechanism?: 'scram-sha-512' | 'scram-sha-256';
  /** TLS to the broker: true (public CAs) or the PEM of a private CA. */
  tls?: boolean | { ca: string };
}

/** The kafkajs `sasl` and `ssl` options for these credentials. */
export function kafkaSecurity(credentials: KafkaCredentials): Pick<KafkaConfig, 'sasl' | 'ssl'> {
  const { username, password, mechanism = 'scram-sha-512', tls } = credentials;
  const sasl = mechanism === 'scram-sha-256' ? { mechanism, username, password } : { mechanism, username, password };
  return { sasl, ...(tls ? { ssl: tls === true ? true : { ca: [tls.ca] } } : {}) };
}

/** A kafkajs client whose own logs go through pino (structured, redacted) instead of console. */
export function createKafka(options: { brokers: string[]; clientId: string; logger: Logger; credentials: KafkaCredentials }): Kafka {
  const kafkaLogger = options.logger.child({ component: 'kafkajs' });
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    ...kafkaSecurity(options.credentials),
    // At most 5 s between retries (kafkajs' default grows to 30 s): a broker that is back is noticed soon.
    retry: { initialRetryTime: 300, retries: 10, maxRetryTime: 5_000 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log }: LogEntry) => {
        const { message, ...extra } = log;
        kafkaLogger[LEVELS[level] ?? 'info']({ kafka: extra }, message);
      },
  });
}

/** Prefixes topic and group names so tests and demos can share one broker without crosstalk. */
export class TopicNamer {
  constructor(private readonly prefix: string) {}

  topic(name: string): string {
    return this.prefix ? `${this.prefix}.${name}` : name;
  }

  group(name: string): string {
    return this.topic(name);
  }
}

/**
 * Topics are created up front (kafkajs issue #1618: a consumer may throw once when its topic is
 * auto-created). Each topic gets its dead-letter twin. Creating an existing topic is a no-op. Services
 * start together and create the same new topics at once: a broker answer that says "try again" (the
 * topic is being created by someone else, its leader is not elected yet) is retried a few times, and
 * every topic must have a leader for each partition before this returns.
 */
export async function ensureTopics(kafka: Kafka, topics: string[], partitions = 3): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        const existing = new Set(await admin.listTopics());
        const missing = topics.filter((topic) => !existing.has(topic));
        if (missing.length) {
          await admin.createTopics({
            waitForLeaders: true,
            topics: missing.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: 1 })),
          });
        }
        // Listed is not ready: a topic another service has just created may have no leader yet, and a
        // consumer subscribing to it then fails (UNKNOWN_TOPIC_OR_PARTITION). Wait until each has one.
        const { topics: described } = await admin.fetchTopicMetadata({ topics });
        if (described.some((topic) => topic.partitions.length === 0 || topic.partitions.some((p) => p.leader < 0))) {
          throw new HakiError('EVENT.TOPICS_NOT_READY', 'topic leaders not elected yet');
        }
        return;
      } catch (error) {
        if (!isBrokerRetriable(error) || attempt >= 8) throw error;
        await new Promise((resolve) => setTimeout(resolve, 300 * attempt));
      }
    }
  } finally {
    await admin.disconnect();
  }
}

/**
 * kafkajs's admin uses the cluster's metadata without checking it: while a restarted broker elects its
 * partition leaders, `listTopics` can throw this TypeError instead of a retriable error (seen in CI's
 * chaos run, matching restarted just after the broker). It is the same "try again".
 */
const KAFKAJS_METADATA_RACE = /Cannot destructure property 'topicMetadata'/;

/**
 * A broker answer worth retrying: kafkajs marks its own retriable errors (and gives up on a broker that
 * is not there with the names below); ours say so through the error catalogue.
 */
export function isBrokerRetriable(error: unknown): boolean {
  const name = (error as Error)?.name ?? '';
  return (
    (error as { retriable?: boolean }).retriable === true ||
    describeError(error)?.retryable === true ||
    /^KafkaJS(Connection|NumberOfRetriesExceeded|RequestTimeout)/.test(name) ||
    (error instanceof TypeError && KAFKAJS_METADATA_RACE.test(error.message))
  );
}

/** How long a starting service waits for a broker that is not answering yet before it gives up (and exits). */
const BROKER_WAIT_MS = 180_000;

/**
 * Runs `work` until it passes, retrying while the broker is unreachable or answers "try again" (a
 * retriable error, such as a group coordinator still loading after a restart), up to BROKER_WAIT_MS:
 * a service started while the broker restarts waits for it instead of dying half-started.
 */
export async function untilBrokerAnswers<T>(what: string, work: () => Promise<T>, logger: Logger): Promise<T> {
  const deadline = Date.now() + BROKER_WAIT_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isBrokerRetriable(error) || Date.now() > deadline) throw error;
      logger.warn({ err: error, attempt }, `${what}: the broker is not ready yet, waiting`);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}
