import { BaseRpcContext, Server, type CustomTransportStrategy } from '@nestjs/microservices';
import { isObservable, lastValueFrom } from 'rxjs';
import { HakiError, type EventEnvelope, type Topic } from '@haki/contracts';
import type { EventConsumer, EventHandler } from './event-consumer';

/**
 * `@EventPattern(topic, DEDUPED_BY_HANDLER)`: the handler itself drops a redelivered event, by an
 * insert whose `_id` the event determines (a timeline slot that carries the event id, a record keyed by
 * the offer), so the consumer skips its processed-event lookup and mark. Only for handlers where running
 * twice writes nothing twice and sends nothing twice.
 */
export const DEDUPED_BY_HANDLER = { dedupedByHandler: true } as const;

export type ConsumerFactory = (handlers: Partial<Record<Topic, EventHandler>>, dedupedByHandler: ReadonlySet<Topic>) => EventConsumer;

export class KafkaEventContext extends BaseRpcContext<[EventEnvelope]> {
  get event(): EventEnvelope {
    return this.args[0];
  }
}

/**
 * A NestJS microservice transport over our EventConsumer: controllers declare
 * `@EventPattern(TOPICS.x)` handlers (thin adapters over use cases) and get commit-after-success,
 * dedupe by event id, retries and dead-lettering. Nest's own Kafka transport handles one message at a
 * time for all topics with automatic commits (nestjs/nest #12703, #14590), which gives none of that.
 */
export class KafkaEventTransport extends Server implements CustomTransportStrategy {
  private consumer: EventConsumer | undefined;

  constructor(private readonly createConsumer: ConsumerFactory) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    const handlers: Partial<Record<Topic, EventHandler>> = {};
    const dedupedByHandler = new Set<Topic>();
    for (const [pattern, handler] of this.messageHandlers) {
      if (handler.extras?.['dedupedByHandler'] === true) dedupedByHandler.add(pattern as Topic);
      handlers[pattern as Topic] = async (event) => {
        const result = await handler(event, new KafkaEventContext([event]));
        if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
      };
    }
    try {
      this.consumer = this.createConsumer(handlers, dedupedByHandler);
      await this.consumer.start();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  isReady(): boolean {
    return this.consumer?.isRunning() ?? false;
  }

  async close(): Promise<void> {
    await this.consumer?.stop();
  }

  on(): never {
    throw new HakiError('INTERNAL.UNSUPPORTED', 'KafkaEventTransport does not emit transport events');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }
}
