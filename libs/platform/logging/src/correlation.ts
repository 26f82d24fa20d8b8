import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * The correlation id of the work in progress, carried implicitly through async calls. HTTP requests
 * (x-correlation-id header), Kafka messages (header of the same name) and BullMQ jobs (job data) all
 * enter through `withCorrelationId`, and every log line and every event produced inside picks it up.
 */
const storage = new AsyncLocalStorage<{ correlationId: string }>();

export const CORRELATION_HEADER = 'x-correlation-id';

export function withCorrelationId<T>(correlationId: string | undefined, work: () => T): T {
  return storage.run({ correlationId: correlationId || randomUUID() }, work);
}

export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}

/** Inside a request/message/job: its id. Outside (startup, timers): a fresh one. */
export function correlationIdOrNew(): string {
  return currentCorrelationId() ?? randomUUID();
}
