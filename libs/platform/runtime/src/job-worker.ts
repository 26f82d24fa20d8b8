import { UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { HakiError, describeError } from '@haki/contracts';
import { inSpan, SpanKind, withCorrelationId, type Logger } from '@haki/platform-logging';
import { stalledJobRecovery } from './redis';
import type { ServiceRuntime } from './service-runtime';

/**
 * What every job's data carries besides its own fields: the correlation id of the work that queued it,
 * and its trace context (`traceparentField()` at enqueue), so the job's span continues that trace.
 */
export interface TracedJob {
  correlationId: string;
  traceparent?: string;
}

export interface JobWorkerOptions<T extends TracedJob> {
  /** Names the worker in logs and in its readiness check. */
  name: string;
  queue: string;
  /** The worker's own Redis connection (it blocks on it). */
  connection: Redis;
  prefix: string;
  concurrency: number;
  /** See `stalledJobRecovery`. */
  lockMs: number;
  /** At most `max` jobs started per `duration` ms across every worker of the queue (a provider's rate limit). */
  limiter?: { max: number; duration: number };
  runtime: ServiceRuntime;
  logger: Logger;
  /** Runs one job; `last` says no retry will follow if it throws. */
  handle: (data: T, attempt: { last: boolean }) => Promise<void>;
}

/**
 * A BullMQ worker run the same way in every service: each job inside its correlation id; a coded error
 * no retry can fix (ERROR_CATALOGUE) fails the job at once, anything else is retried with the job's
 * backoff; a dead worker's jobs are recovered (`stalledJobRecovery`); closed on shutdown before the
 * outbox drains and Mongo closes, so a job in flight finishes its write. `check()` is its readiness
 * check: running, and its Redis connection answering.
 */
export class JobWorker<T extends TracedJob> {
  private worker: Worker<T> | undefined;

  constructor(private readonly options: JobWorkerOptions<T>) {}

  start(): void {
    const { name, queue, connection, prefix, concurrency, lockMs, limiter, runtime, logger } = this.options;
    this.worker = new Worker<T>(queue, (job) => this.run(job.data, job.attemptsMade, job.opts.attempts), {
      connection,
      prefix,
      concurrency,
      ...(limiter ? { limiter } : {}),
      ...stalledJobRecovery(lockMs),
    });
    this.worker.on('failed', (job, error) =>
      logger.warn({ err: error, jobId: job?.id, attempts: job?.attemptsMade }, `${name} job failed`),
    );
    runtime.onStop(async () => this.worker?.close());
  }

  async check(): Promise<void> {
    if (!this.worker?.isRunning()) throw new HakiError('HEALTH.CHECK_FAILED', `${this.options.name} not running`);
    await this.options.connection.ping();
  }

  private run(data: T, attemptsMade: number, attempts = 1): Promise<void> {
    const { queue } = this.options;
    const span = {
      kind: SpanKind.CONSUMER,
      parent: data.traceparent,
      attributes: { 'messaging.system': 'bullmq', 'messaging.destination.name': queue, 'haki.attempt': attemptsMade + 1 },
    };
    return withCorrelationId(data.correlationId, () =>
      inSpan(`${queue} job`, span, async () => {
        try {
          await this.options.handle(data, { last: attemptsMade + 1 >= attempts });
        } catch (error) {
          const coded = describeError(error);
          if (coded && !coded.retryable) throw new UnrecoverableError(`${coded.code}: ${coded.message}`);
          throw error;
        }
      }),
    );
  }
}
