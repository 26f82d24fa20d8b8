import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * The correlation id of the work in progress, carried implicitly through async calls. HTTP requests
 * (x-correlation-id header), Kafka messages (header of the same name) and BullMQ jobs (job data) all
 * enter through `withCorrelationId`, and every log line and every event produced inside picks it up.
 */
const storage = new AsyncLocalStorage<{ correlationId: string }>();

export const CORRELATION_HEADER = 'x-correlation-id';

/** What a correlation id from outside may look like: short, and nothing that could forge a log line. */
const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,100}$/;

/** A caller's correlation id if it is an acceptable one; otherwise undefined, and a fresh one is used. */
export const acceptedCorrelationId = (value: unknown): string | undefined =>
  typeof value === 'string' && ACCEPTABLE.test(value) ? value : undefined;

/** Runs `work` under this correlation id, or a fresh one when it is missing or not acceptable (too long, odd characters). */
export function withCorrelationId<T>(correlationId: string | undefined, work: () => T): T {
  return storage.run({ correlationId: acceptedCorrelationId(correlationId) ?? randomUUID() }, work);
}

export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}

/** Inside a request/message/job: its id. Outside (startup, timers): a fresh one. */
export function correlationIdOrNew(): string {
  return currentCorrelationId() ?? randomUUID();
}
