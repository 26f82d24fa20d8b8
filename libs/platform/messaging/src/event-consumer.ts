import { createHash } from 'node:crypto';
import { Partitioners, type Consumer, type EachMessagePayload, type Kafka, type Producer } from 'kafkajs';
import {
  HakiError,
  deadLetterTopic,
  replayTopic,
  describeError,
  parseEvent,
  type EventEnvelope,
  type SerializedHakiError,
  type Topic,
} from '@haki/contracts';
import {
  CORRELATION_HEADER,
  inSpan,
  markFailed,
  SpanKind,
  TRACEPARENT_HEADER,
  withCorrelationId,
  type Logger,
} from '@haki/platform-logging';
import { CoPartitionedAssigner } from './co-partitioned-assigner';
import { KeyedSerializer } from './keyed-serializer';
import { untilBrokerAnswers, type TopicNamer } from './kafka';
import type { ProcessedEventStore } from './processed-events';

export type EventHandler = (event: EventEnvelope) => Promise<void>;

/** A message this consumer gave up on, as kept for ops (service-runtime.ts stores it; matching escalates its referral). */
export interface DeadLetter {
  /** `<prefixed topic>/<partition>/<offset>`: unique per message. */
  id: string;
  topic: Topic;
  key: string | undefined;
  reason: SerializedHakiError;
  bytes: number;
  /** The message as it came, when small enough to keep and replay; absent for an oversized one. */
  value?: string;
}

/** Larger messages are dead-lettered unread. Ours are a few kB at most; 256 KiB leaves room and stops a 1 MB flood. */
export const MAX_EVENT_BYTES = 256 * 1024;
/** A dead-letter copy keeps the message only up to this size, so the copy itself always fits the broker. */
const MAX_DEAD_LETTER_COPY_BYTES = 64 * 1024;
/** Headers of a dead-letter copy are kept only when this small (a forged one could be huge). */
const MAX_HEADER_BYTES = 1024;

export interface EventConsumerOptions {
  /** Consumer group, and the namespace of processed event ids. */
  groupId: string;
  handlers: Partial<Record<Topic, EventHandler>>;
  /**
   * Topics whose handler drops a redelivered event by its own write (an insert keyed by the event or
   * what it caused), so the processed-event lookup and mark, two database commands per message, are
   * skipped (see `DEDUPED_BY_HANDLER`).
   */
  dedupedByHandler?: ReadonlySet<Topic>;
  processed: ProcessedEventStore;
  logger: Logger;
  /** Attempts for an unexpected failure before it is dead-lettered (transient ones retry until they pass). */
  maxAttempts?: number;
  retryBaseDelayMs?: number;
  /** How long the group waits for a silent member; also how long a restarted consumer may wait to rejoin. */
  sessionTimeoutMs?: number;
  /** Told of every dead letter after its copy is on the dead-letter topic; its failure is logged, never blocks the partition. */
  onDeadLetter?: (letter: DeadLetter) => Promise<void>;
  /**
   * A dead letter ops asked to replay, from this service's own store (undefined: no such letter, or no
   * replay asked for). The replay topic carries only the letter's id, so whoever can write there cannot
   * make this consumer handle an event of their own.
   */
  loadReplay?: (deadLetterId: string) => Promise<{ topic: Topic; value: string } | undefined>;
  /** Told of every message once it is done, with how long it took, retries included (the service's metrics). */
  observe?: (topic: Topic, outcome: ConsumeOutcome, seconds: number) => void;
}

/** How a consumed message ended: handled (a skipped duplicate too), or dead-lettered. */
export type ConsumeOutcome = 'handled' | 'dead-lettered';

/** Failures of the database or broker connection: they pass when the server is back. */
const TRANSIENT_ERROR_NAMES = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'KafkaJSConnectionError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSNumberOfRetriesExceeded',
]);

function isTransient(error: unknown): boolean {
  const coded = describeError(error);
  if (coded) return coded.retryable;
  return error instanceof Error && (TRANSIENT_ERROR_NAMES.has(error.name) || (error as { retriable?: boolean }).retriable === true);
}

/** Thrown out of the retry loop when the consumer stops: the message stays uncommitted and comes back. */
const consumerStopping = () => new HakiError('EVENT.CONSUMER_STOPPING', 'consumer stopping; the message will be redelivered');
const isConsumerStopping = (error: unknown) => error instanceof HakiError && error.code === 'EVENT.CONSUMER_STOPPING';

/**
 * At-least-once consumption made effectively-once:
 *  - offsets are committed only after the handler succeeded (or the message was dead-lettered), in
 *    batches;
 *  - an event id already processed by this group is skipped (or, on a topic whose handler dedupes
 *    by its own write, handled again and dropped there);
 *  - a transient failure (database or broker unreachable, a coded retryable error) is retried with
 *    capped backoff until it passes or the consumer stops, so an outage delays events but never
 *    dead-letters them;
 *  - an unexpected failure is retried `maxAttempts` times, a coded non-retryable one (bad schema,
 *    business rule) not at all; then the message goes to `<topic>.dlq` with the error, so nothing is
 *    silently dropped and one poison message does not block its partition.
 * Handlers must still be idempotent on their own aggregate: a crash between the handler's write and
 * the processed mark re-runs the handler.
 */
export class EventConsumer {
  private readonly consumer: Consumer;
  private readonly dlqProducer: Producer;
  private readonly topicByPrefixedName: Map<string, Topic>;
  /** Where `POST /dead-letters/:id/replay` names the dead letters to handle again (its own topic: see replayTopic). */
  private readonly replayTopicName: string;
  private running = false;
  private stopping = false;
  private stoppedForGood = false;
  private readonly perAggregate = new KeyedSerializer();

  constructor(
    kafka: Kafka,
    private readonly names: TopicNamer,
    private readonly options: EventConsumerOptions,
  ) {
    this.consumer = kafka.consumer({
      groupId: names.group(options.groupId),
      sessionTimeout: options.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: 3_000,
      retry: { retries: 10 },
      // One aggregate's events on different topics go to one member (docs/decisions/0004).
      partitionAssigners: [CoPartitionedAssigner],
    });
    this.dlqProducer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    this.topicByPrefixedName = new Map(Object.keys(options.handlers).map((topic) => [names.topic(topic), topic as Topic]));
    this.replayTopicName = names.topic(replayTopic(options.groupId));
  }

  async start(): Promise<void> {
    const { logger } = this.options;
    await untilBrokerAnswers('connect the dead-letter producer', () => this.dlqProducer.connect(), logger);
    await untilBrokerAnswers('connect the consumer', () => this.consumer.connect(), logger);
    const topics = [...this.topicByPrefixedName.keys(), this.replayTopicName];
    await untilBrokerAnswers('subscribe', () => this.consumer.subscribe({ topics, fromBeginning: true }), logger);
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      this.options.logger.error({ err: payload.error, restart: payload.restart }, 'kafka consumer crashed');
      if (!payload.restart) {
        // Readiness and liveness must fail: nothing will restart it, so the process has to be.
        this.running = false;
        if (!this.stopping) this.stoppedForGood = true;
      }
    });
    await this.consumer.run({
      // kafkajs commits only offsets whose eachMessage returned, so commits stay after success; it
      // sends them every second or 100 messages instead of one request per message. A crash before
      // a commit redelivers those messages, and the processed-event check drops them.
      autoCommit: true,
      autoCommitInterval: 1_000,
      autoCommitThreshold: 100,
      partitionsConsumedConcurrently: 3,
      eachMessage: (payload) => this.handleMessage(payload),
    });
    this.running = true;
  }

  isRunning(): boolean {
    return this.running;
  }

  /** The consumer crashed and kafkajs will not restart it: only a process restart brings it back (liveness). */
  hasStoppedForGood(): boolean {
    return this.stoppedForGood;
  }

  /** Stops fetching, lets the in-flight handlers finish and commit, then leaves the group. */
  async stop(): Promise<void> {
    this.running = false;
    this.stopping = true;
    await this.consumer.disconnect();
    await this.dlqProducer.disconnect();
  }

  private async handleMessage(payload: EachMessagePayload): Promise<void> {
    const { topic: receivedOn, partition, heartbeat } = payload;
    const source = `${receivedOn}/${partition}/${payload.message.offset}`;
    // A replayed event is the stored dead letter, handled (and dead-lettered again, if it still fails) as
    // one of the topic it came from.
    const replayed = receivedOn === this.replayTopicName ? await this.replayedLetter(payload.message) : undefined;
    if (receivedOn === this.replayTopicName && !replayed) {
      this.options.logger.error({ source }, 'a replay names no dead letter waiting for replay here; skipped');
      return;
    }
    const message = replayed ? { ...payload.message, value: Buffer.from(replayed.value) } : payload.message;
    const topic = replayed ? replayed.topic : this.topicByPrefixedName.get(receivedOn)!;
    const prefixedTopic = replayed ? this.names.topic(replayed.topic) : receivedOn;
    const headerCorrelation = message.headers?.[CORRELATION_HEADER]?.toString();
    const traceparent = message.headers?.[TRACEPARENT_HEADER]?.toString();
    const started = performance.now();
    const done = (outcome: ConsumeOutcome) => this.options.observe?.(topic, outcome, (performance.now() - started) / 1000);
    const span = {
      kind: SpanKind.CONSUMER,
      parent: traceparent,
      attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': topic },
    };
    await withCorrelationId(headerCorrelation, () =>
      inSpan(`${topic} process`, span, async (traced) => {
        const log = this.options.logger.child({
          topic,
          partition,
          offset: message.offset,
          ...(replayed ? { replayed: true } : {}),
        });
        const bytes = message.value?.length ?? 0;
        if (bytes > MAX_EVENT_BYTES) {
          const tooLarge = new HakiError('EVENT.TOO_LARGE', `${bytes} bytes, over the ${MAX_EVENT_BYTES} a message may have`);
          await this.deadLetter(prefixedTopic, source, message, tooLarge, log);
          markFailed(traced, tooLarge);
          return done('dead-lettered');
        }
        try {
          const event = parseEvent(topic, JSON.parse(message.value?.toString() ?? 'null'));
          // One aggregate's events from different topic-partitions are applied one at a time.
          await this.perAggregate.run(event.key, () =>
            this.withRetries(event, log, heartbeat, async () => {
              const handle = this.options.handlers[topic]!;
              if (this.options.dedupedByHandler?.has(topic)) return handle(event);
              if (await this.options.processed.has(this.options.groupId, event.eventId)) {
                log.debug({ eventId: event.eventId }, 'duplicate event skipped');
                return;
              }
              await handle(event);
              await this.options.processed.mark(this.options.groupId, event.eventId);
            }),
          );
          done('handled');
        } catch (error) {
          // Thrown on, so kafkajs does not mark the message done: it comes back after the restart.
          if (isConsumerStopping(error)) throw error;
          await this.deadLetter(prefixedTopic, source, message, error, log);
          markFailed(traced, error);
          traced.setAttribute('haki.outcome', 'dead-lettered');
          done('dead-lettered');
        }
      }),
    );
  }

  /** The dead letter a replay message names, if ops asked to replay it and this consumer handles its topic. */
  private async replayedLetter(message: EachMessagePayload['message']): Promise<{ topic: Topic; value: string } | undefined> {
    let id: unknown;
    try {
      id = (JSON.parse(message.value?.toString() ?? 'null') as { deadLetterId?: unknown } | null)?.deadLetterId;
    } catch {
      return undefined;
    }
    if (typeof id !== 'string' || id.length > 500 || !this.options.loadReplay) return undefined;
    const letter = await this.options.loadReplay(id);
    return letter && this.options.handlers[letter.topic] ? letter : undefined;
  }

  private async withRetries(event: EventEnvelope, log: Logger, heartbeat: () => Promise<void>, work: () => Promise<void>): Promise<void> {
    const maxAttempts = this.options.maxAttempts ?? 5;
    const baseDelay = this.options.retryBaseDelayMs ?? 200;
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        const transient = isTransient(error);
        const coded = describeError(error) !== undefined;
        if (!transient && (coded || attempt >= maxAttempts)) throw error;
        if (!this.running) throw consumerStopping();
        const delay = Math.min(baseDelay * 2 ** (attempt - 1), 5_000);
        log.warn({ err: error, attempt, delay, transient, eventId: event.eventId }, 'handler failed, will retry');
        await new Promise((resolve) => setTimeout(resolve, delay));
        // A long outage must not cost the partition: another member would apply the same aggregate's
        // next events while this one is still retrying.
        await heartbeat().catch(() => undefined);
      }
    }
  }

  /**
   * Puts the message on `<topic>.dlq` with the error, then tells `onDeadLetter`. The copy cannot be
   * refused for its size: an oversized message is replaced by its size and SHA-256, and large headers
   * are dropped. A broker that is down is waited for (retried until the consumer stops, when the
   * message stays uncommitted and comes back), so a dead letter is never lost and never escapes.
   */
  private async deadLetter(
    prefixedTopic: string,
    id: string,
    message: EachMessagePayload['message'],
    error: unknown,
    log: Logger,
  ): Promise<void> {
    const reason = describeError(error) ?? new HakiError('INTERNAL', String((error as Error)?.message ?? error)).toJSON();
    log.error({ err: error, reason }, 'message sent to dead-letter topic');
    const bytes = message.value?.length ?? 0;
    const kept = message.value && bytes <= MAX_DEAD_LETTER_COPY_BYTES ? message.value : undefined;
    const value =
      kept ??
      Buffer.from(
        JSON.stringify({
          truncated: true,
          bytes,
          sha256: createHash('sha256')
            .update(message.value ?? '')
            .digest('hex'),
        }),
      );
    const headers = Object.fromEntries(
      Object.entries(message.headers ?? {}).filter(([, header]) => String(header ?? '').length <= MAX_HEADER_BYTES),
    );
    const copy = {
      key: message.key,
      value,
      headers: {
        ...headers,
        'x-dlq-error': compactJson(reason),
        'x-dlq-source': id,
        'x-dlq-consumer': this.options.groupId,
      },
    };
    for (let attempt = 1; ; attempt++) {
      try {
        await this.dlqProducer.send({ topic: deadLetterTopic(prefixedTopic), messages: [copy] });
        break;
      } catch (sendError) {
        if (!this.running) throw consumerStopping();
        log.warn({ err: sendError, attempt }, 'dead-letter copy not stored yet, will retry');
        await new Promise((resolve) => setTimeout(resolve, Math.min(200 * 2 ** attempt, 5_000)));
      }
    }
    const letter: DeadLetter = {
      id,
      topic: this.topicByPrefixedName.get(prefixedTopic)!,
      key: message.key?.toString(),
      reason,
      bytes,
      ...(kept ? { value: kept.toString() } : {}),
    };
    await this.options.onDeadLetter?.(letter).catch((hookError: unknown) => log.error({ err: hookError }, 'dead-letter hook failed'));
  }
}

/** The error as JSON that fits a header: the message shortened and the field list dropped when needed (still valid JSON). */
function compactJson(reason: SerializedHakiError): string {
  const short = { ...reason, message: reason.message.slice(0, 300) };
  const full = JSON.stringify(short);
  if (full.length <= MAX_HEADER_BYTES) return full;
  const { fields: _fields, ...withoutFields } = short;
  return JSON.stringify(withoutFields);
}
