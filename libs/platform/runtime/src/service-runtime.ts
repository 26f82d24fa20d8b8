import type { Kafka } from 'kafkajs';
import { ConfigError } from '@haki/platform-config';
import { AuditLog } from './audit/audit-log';
import type { Connection } from 'mongoose';
import { ALL_TOPICS, HakiError, deadLetterTopic, replayTopic } from '@haki/contracts';
import type { ServiceConfig } from '@haki/platform-config';
import { createLogger, startTracing, type Logger, type Tracing } from '@haki/platform-logging';
import {
  EventConsumer,
  EventPublisher,
  OutboxRelay,
  pendingOutboxModel,
  ProcessedEventStore,
  TopicNamer,
  consumerLag,
  createKafka,
  ensureTopics,
  untilBrokerAnswers,
  type DeadLetter,
  type EventHandler,
  type KafkaCredentials,
  type OutboxModel,
} from '@haki/platform-messaging';
import type { Topic } from '@haki/contracts';
import { FaultInjector } from './fault-injector';
import type { HealthCheck } from './health';
import { loadReplay, storeDeadLetter } from './dead-letters';
import { ServiceMetrics } from './metrics';
import { connectMongo } from './mongo';

/**
 * The shared clients of one service process: logger, MongoDB connection, Kafka publisher, processed
 * event store, outbox relays. Created before Nest so that a dependency that is down fails the boot
 * with a clear log line, and stopped after Nest so in-flight work can still write and publish.
 */
export class ServiceRuntime {
  readonly healthChecks: HealthCheck[] = [];
  /** Each returns why the process should be restarted, or undefined (the liveness endpoint). */
  readonly livenessChecks: (() => string | undefined)[] = [];
  /** This process's stream of the service's tamper-evident audit log. */
  readonly audit: AuditLog;
  /** Prometheus metrics, served on METRICS_PORT by bootstrapService. */
  readonly metrics: ServiceMetrics;
  private readonly deadLetterHooks: ((letter: DeadLetter) => Promise<void>)[] = [];
  private readonly relays: OutboxRelay[] = [];
  private readonly stoppers: (() => Promise<unknown>)[] = [];

  private constructor(
    readonly service: string,
    readonly config: ServiceConfig,
    readonly logger: Logger,
    readonly mongo: Connection,
    readonly kafka: Kafka,
    readonly names: TopicNamer,
    readonly publisher: EventPublisher,
    readonly processed: ProcessedEventStore,
    readonly faults: FaultInjector,
    /** OpenTelemetry for this process (off unless an OTLP endpoint is configured); flushed last on stop. */
    private readonly tracing: Tracing,
  ) {
    this.metrics = new ServiceMetrics(service);
    const pending = pendingOutboxModel(mongo);
    this.metrics.watchOutbox(async () => (await pending.find({}, { at: 1 }).lean()).map((marker) => marker.at), logger);
    const auditKey = config.AUDIT_KEYS.get(config.AUDIT_ACTIVE_KEY_ID);
    if (!auditKey) throw new ConfigError([{ variable: 'AUDIT_ACTIVE_KEY_ID', reason: 'must be one of the key ids in AUDIT_KEYS' }]);
    this.audit = new AuditLog(mongo, service, { keyId: config.AUDIT_ACTIVE_KEY_ID, key: auditKey }, logger.child({ component: 'audit' }));
    this.healthChecks.push(
      { name: 'mongo', check: async () => void (await mongo.db!.admin().ping()) },
      { name: 'kafka-producer', check: async () => assert(publisher.isConnected(), 'producer not connected') },
    );
  }

  static async start(service: string, config: ServiceConfig): Promise<ServiceRuntime> {
    const logger = createLogger({ service, level: config.LOG_LEVEL });
    const tracing = startTracing(service, config);
    if (tracing.exporting) logger.info('tracing on: spans exported over OTLP');
    const step = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
      try {
        return await work();
      } catch (error) {
        logger.fatal({ err: error }, `startup failed: ${what}`);
        throw error;
      }
    };
    const mongo = await step(`connect to MongoDB (MONGO_URL, db ${config.MONGO_DB})`, () =>
      connectMongo(config.MONGO_URL, config.MONGO_DB, config.MONGO_SLOW_MS ? { ms: config.MONGO_SLOW_MS, logger } : undefined),
    );
    const names = new TopicNamer(config.KAFKA_TOPIC_PREFIX);
    const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: service, logger, credentials: kafkaCredentials(config) });
    const topics = [
      ...ALL_TOPICS.flatMap((topic) => [names.topic(topic), deadLetterTopic(names.topic(topic))]),
      names.topic(replayTopic(service)),
    ];
    // A broker restarting while this service starts (its coordinator still loading) is waited for.
    const brokerStep = <T>(what: string, work: () => Promise<T>) => step(what, () => untilBrokerAnswers(what, work, logger));
    await brokerStep('create Kafka topics (KAFKA_BROKERS)', () => ensureTopics(kafka, topics));
    const publisher = new EventPublisher(kafka, names);
    await brokerStep('connect Kafka producer', () => publisher.connect());
    const processed = new ProcessedEventStore(mongo);
    const runtime = new ServiceRuntime(
      service,
      config,
      logger,
      mongo,
      kafka,
      names,
      publisher,
      processed,
      new FaultInjector(config.HAKI_FAULT_POINT, logger),
      tracing,
    );
    return runtime;
  }

  /** A consumer in this service's group; the Nest transport builds one from its @EventPattern handlers. */
  createConsumer(handlers: Partial<Record<Topic, EventHandler>>, dedupedByHandler: ReadonlySet<Topic> = new Set()): EventConsumer {
    const consumer = new EventConsumer(this.kafka, this.names, {
      groupId: this.service,
      handlers,
      dedupedByHandler,
      processed: this.processed,
      logger: this.logger.child({ component: 'consumer' }),
      sessionTimeoutMs: this.config.KAFKA_SESSION_TIMEOUT_MS,
      onDeadLetter: async (letter) => {
        await storeDeadLetter(this.mongo, letter);
        for (const hook of this.deadLetterHooks) await hook(letter);
      },
      loadReplay: (id) => loadReplay(this.mongo, id),
      observe: (topic, outcome, seconds) => this.metrics.eventConsumed(topic, outcome, seconds),
    });
    const admin = this.kafka.admin();
    let connected: Promise<void> | undefined;
    const topics = Object.keys(handlers) as Topic[];
    this.metrics.watchConsumerLag(async () => {
      await (connected ??= admin.connect().catch((error: unknown) => {
        connected = undefined; // try again at the next scrape
        throw error;
      }));
      return consumerLag(admin, this.names, this.service, topics);
    }, this.logger);
    this.onStop(() => admin.disconnect());
    this.healthChecks.push({ name: 'kafka-consumer', check: async () => assert(consumer.isRunning(), 'consumer not running') });
    this.livenessChecks.push(() => (consumer.hasStoppedForGood() ? 'the Kafka consumer stopped and will not restart' : undefined));
    return consumer;
  }

  /** Runs `hook` for every message this service's consumer dead-letters (after it is stored for ops). */
  onDeadLetter(hook: (letter: DeadLetter) => Promise<void>): void {
    this.deadLetterHooks.push(hook);
  }

  /** Starts publishing the outbox of these collections; stopped (after a last drain) by `stop()`. */
  async createOutboxRelay(models: OutboxModel[]): Promise<OutboxRelay> {
    const relay = new OutboxRelay(models, pendingOutboxModel(this.mongo), this.publisher, this.logger.child({ component: 'outbox' }));
    await relay.start();
    this.relays.push(relay);
    return relay;
  }

  /** Registers a service-level client (queue, worker) to close before the outbox drains. */
  onStop(stopper: () => Promise<unknown>): void {
    this.stoppers.unshift(stopper);
  }

  /** Workers first (they may still write), then a last outbox drain, then the shared clients. */
  async stop(): Promise<void> {
    const attempt = (what: string, work: () => Promise<unknown>) =>
      work().catch((error) => this.logger.error({ err: error }, `error while stopping ${what}`));
    for (const stopper of this.stoppers) await attempt('a service client', stopper);
    for (const relay of this.relays) {
      await relay.stop();
      await attempt('the outbox relay', () => relay.drain());
    }
    await attempt('the audit checkpoint', () => this.audit.checkpoint());
    await attempt('the Kafka producer', () => this.publisher.disconnect());
    await attempt('MongoDB', () => this.mongo.close());
    await attempt('the trace exporter', () => this.tracing.shutdown());
  }
}

/** The broker user of a service (or an operator tool), from its config. */
export function kafkaCredentials(
  config: Pick<ServiceConfig, 'KAFKA_USERNAME' | 'KAFKA_PASSWORD' | 'KAFKA_SASL_MECHANISM' | 'KAFKA_TLS' | 'KAFKA_TLS_CA'>,
): KafkaCredentials {
  const ca = config.KAFKA_TLS_CA;
  return {
    username: config.KAFKA_USERNAME,
    password: config.KAFKA_PASSWORD,
    mechanism: config.KAFKA_SASL_MECHANISM,
    tls: ca ? { ca } : config.KAFKA_TLS,
  };
}

function assert(condition: boolean, message: string): void {
  if (!condition) throw new HakiError('HEALTH.CHECK_FAILED', message);
}
