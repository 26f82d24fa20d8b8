import { Partitioners, type Consumer, type EachMessagePayload, type Kafka, type Producer } from 'kafkajs';
import { HakiError, deadLetterTopic, parseEvent, type EventEnvelope, type Topic } from '@haki/contracts';
import { CORRELATION_HEADER, withCorrelationId, type Logger } from '@haki/platform-logging';
import type { TopicNamer } from './kafka';
import type { ProcessedEventStore } from './processed-events';

export type EventHandler = (event: EventEnvelope) => Promise<void>;

export interface EventConsumerOptions {
  /** Consumer group, and the namespace of processed event ids. */
  groupId: string;
  handlers: Partial<Record<Topic, EventHandler>>;
  processed: ProcessedEventStore;
  logger: Logger;
  maxAttempts?: number;
  retryBaseDelayMs?: number;
}

/**
 * At-least-once consumption made effectively-once:
 *  - offsets are committed only after the handler succeeded (or the message was dead-lettered);
 *  - an event id already processed by this group is skipped;
 *  - a failure that can succeed later is retried with backoff; after `maxAttempts`, or at once for a
 *    coded non-retryable error (bad schema, business rule), the message goes to `<topic>.dlq` with
 *    the error, so nothing is silently dropped and one poison message does not block its partition.
 * Handlers must still be idempotent on their own aggregate: a crash between the handler's write and
 * the processed mark re-runs the handler.
 */
export class EventConsumer {
  private readonly consumer: Consumer;
  private readonly dlqProducer: Producer;
  private readonly topicByPrefixedName: Map<string, Topic>;
  private running = false;

  constructor(
    kafka: Kafka,
    names: TopicNamer,
    private readonly options: EventConsumerOptions,
  ) {
    this.consumer = kafka.consumer({
      groupId: names.group(options.groupId),
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      retry: { retries: 10 },
    });
    this.dlqProducer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    this.topicByPrefixedName = new Map(Object.keys(options.handlers).map((topic) => [names.topic(topic), topic as Topic]));
  }

  async start(): Promise<void> {
    await this.dlqProducer.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...this.topicByPrefixedName.keys()], fromBeginning: true });
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      this.options.logger.error({ err: payload.error, restart: payload.restart }, 'kafka consumer crashed');
    });
    await this.consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: 3,
      eachMessage: (payload) => this.handleMessage(payload),
    });
    this.running = true;
  }

  isRunning(): boolean {
    return this.running;
  }

  /** Stops fetching, lets the in-flight handlers finish and commit, then leaves the group. */
  async stop(): Promise<void> {
    this.running = false;
    await this.consumer.disconnect();
    await this.dlqProducer.disconnect();
  }

  private async handleMessage({ topic: prefixedTopic, partition, message }: EachMessagePayload): Promise<void> {
    const topic = this.topicByPrefixedName.get(prefixedTopic)!;
    const headerCorrelation = message.headers?.[CORRELATION_HEADER]?.toString();
    await withCorrelationId(headerCorrelation, async () => {
      const log = this.options.logger.child({ topic, partition, offset: message.offset });
      try {
        const event = parseEvent(topic, JSON.parse(message.value?.toString() ?? 'null'));
        if (await this.options.processed.has(this.options.groupId, event.eventId)) {
          log.debug({ eventId: event.eventId }, 'duplicate event skipped');
        } else {
          await this.runWithRetries(this.options.handlers[topic]!, event, log);
          await this.options.processed.mark(this.options.groupId, event.eventId);
        }
      } catch (error) {
        await this.deadLetter(prefixedTopic, partition, message, error, log);
      }
      await this.consumer.commitOffsets([{ topic: prefixedTopic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
    });
  }

  private async runWithRetries(handler: EventHandler, event: EventEnvelope, log: Logger): Promise<void> {
    const maxAttempts = this.options.maxAttempts ?? 5;
    const baseDelay = this.options.retryBaseDelayMs ?? 200;
    for (let attempt = 1; ; attempt++) {
      try {
        await handler(event);
        return;
      } catch (error) {
        const retryable = !(error instanceof HakiError) || error.retryable;
        if (!retryable || attempt >= maxAttempts) throw error;
        const delay = Math.min(baseDelay * 2 ** (attempt - 1), 5_000);
        log.warn({ err: error, attempt, delay, eventId: event.eventId }, 'handler failed, will retry');
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  private async deadLetter(
    prefixedTopic: string,
    partition: number,
    message: EachMessagePayload['message'],
    error: unknown,
    log: Logger,
  ): Promise<void> {
    const reason = error instanceof HakiError ? error.toJSON() : { code: 'UNEXPECTED', message: String((error as Error)?.message ?? error) };
    log.error({ err: error, reason }, 'message sent to dead-letter topic');
    await this.dlqProducer.send({
      topic: deadLetterTopic(prefixedTopic),
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            ...message.headers,
            'x-dlq-error': JSON.stringify(reason),
            'x-dlq-source': `${prefixedTopic}/${partition}/${message.offset}`,
            'x-dlq-consumer': this.options.groupId,
          },
        },
      ],
    });
  }
}
