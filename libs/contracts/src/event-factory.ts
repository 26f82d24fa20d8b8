import { createEvent, deterministicEventId, type EventEnvelope, type PayloadOf } from './envelope';
import type { Topic } from './names';

/** What a follow-up event takes from the event (or stored record of one) that caused it. */
export interface EventCause {
  eventId: string;
  correlationId: string;
}

/**
 * Builds one service's events, so producer, correlation and causation are filled in one way
 * everywhere. Each service gets one, named after it (PlatformModule provides it).
 */
export class EventFactory {
  /** `traceparent` reads the active trace context (the platform passes tracing's), carried in each event. */
  constructor(
    readonly producer: string,
    private readonly traceparent: () => string | undefined = () => undefined,
  ) {}

  /** The first event of a chain (an HTTP request, say), under the correlation id of that work. */
  create<T extends Topic>(input: {
    topic: T;
    key: string;
    payload: PayloadOf<T>;
    correlationId: string;
    occurredAt?: Date;
  }): EventEnvelope<T> {
    return createEvent({ ...input, producer: this.producer, traceparent: this.traceparent() });
  }

  /**
   * An event caused by `cause`: same correlation id, causation = the cause's event id, and an event id
   * derived from `idSeed`, so a step retried after a crash produces the very same event, which
   * consumers then skip as already processed. The seed names the step and its subject
   * (`offered:<offerId>`), never the time.
   */
  followUp<T extends Topic>(cause: EventCause, input: { topic: T; key: string; payload: PayloadOf<T>; idSeed: string }): EventEnvelope<T> {
    return createEvent({
      topic: input.topic,
      key: input.key,
      payload: input.payload,
      producer: this.producer,
      correlationId: cause.correlationId,
      causationId: cause.eventId,
      eventId: deterministicEventId(input.idSeed),
      traceparent: this.traceparent(),
    });
  }
}
