import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import { parseEvent, replayTopic, type EventEnvelope, type Topic } from '@haki/contracts';
import { CORRELATION_HEADER, TRACEPARENT_HEADER } from '@haki/platform-logging';
import type { TopicNamer } from './kafka';

export interface OutgoingEvent {
  topic: Topic;
  envelope: EventEnvelope;
}

/**
 * Publishes validated envelopes, keyed by aggregate id so one referral's events keep their order.
 * The producer is idempotent (no duplicates from its own retries); duplicates from our retries are
 * removed by consumers, which remember processed event ids.
 */
export class EventPublisher {
  private readonly producer: Producer;
  private connected = false;

  constructor(
    kafka: Kafka,
    private readonly names: TopicNamer,
  ) {
    // The Java client's partitioner, named explicitly (kafkajs warns when left to its default).
    this.producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  }

  async connect(): Promise<void> {
    await this.producer.connect();
    this.connected = true;
  }

  isConnected(): boolean {
    return this.connected;
  }

  /** Sends a batch in one request per topic; resolves once the broker has acknowledged all. */
  async publish(events: OutgoingEvent[]): Promise<void> {
    if (!events.length) return;
    const byTopic = new Map<string, { key: string; value: string; headers: Record<string, string> }[]>();
    for (const { topic, envelope } of events) {
      parseEvent(topic, envelope); // validate on publish as well as on consume
      const messages = byTopic.get(topic) ?? [];
      messages.push({
        key: envelope.key,
        value: JSON.stringify(envelope),
        headers: {
          [CORRELATION_HEADER]: envelope.correlationId,
          'x-event-id': envelope.eventId,
          ...(envelope.traceparent ? { [TRACEPARENT_HEADER]: envelope.traceparent } : {}),
        },
      });
      byTopic.set(topic, messages);
    }
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic: this.names.topic(topic), messages })),
    });
  }

  /**
   * Asks `service`'s consumer to replay one of its stored dead letters: on that service's own replay
   * topic, keyed as the event was (same partition, same order), carrying only the letter's id. The
   * consumer takes the event from its own store, never from the topic (docs/decisions/0010).
   */
  async replay(service: string, deadLetterId: string, key: string | undefined): Promise<void> {
    await this.producer.send({
      acks: -1,
      topic: this.names.topic(replayTopic(service)),
      messages: [{ key: key ?? null, value: JSON.stringify({ deadLetterId }) }],
    });
  }

  async disconnect(): Promise<void> {
    this.connected = false;
    await this.producer.disconnect();
  }
}
