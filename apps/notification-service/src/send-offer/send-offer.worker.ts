import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { HakiError, QUEUES, describeError } from '@haki/contracts';
import { withCorrelationId, type Logger } from '@haki/platform-logging';
import {
  HealthIndicator,
  LOGGER,
  SERVICE_CONFIG,
  SERVICE_RUNTIME,
  stalledJobRecovery,
  type HealthCheck,
  type ServiceRuntime,
} from '@haki/platform-runtime';
import type { NotificationConfig } from '../config';
import { WORKER_REDIS } from '../notification.tokens';
import { SendOffer, type SendOfferJob } from './send-offer.use-case';

/**
 * BullMQ adapter: runs SendOffer for each job, inside the job's correlation id. A coded error that no
 * retry can fix (ERROR_CATALOGUE) fails the job at once; anything else is retried with backoff.
 * Also a readiness check: the worker runs and its own Redis connection answers.
 */
@Injectable()
@HealthIndicator()
export class SendOfferWorker implements OnApplicationBootstrap, HealthCheck {
  readonly name = 'send-offer-worker';
  private worker: Worker<SendOfferJob> | undefined;

  constructor(
    private readonly sendOffer: SendOffer,
    @Inject(WORKER_REDIS) private readonly connection: Redis,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = new Worker<SendOfferJob>(QUEUES.outboundNotifications, (job) => this.run(job.data, job.attemptsMade, job.opts.attempts), {
      connection: this.connection,
      prefix: this.config.QUEUE_PREFIX,
      concurrency: this.config.WORKER_CONCURRENCY,
      ...stalledJobRecovery(this.config.JOB_LOCK_MS),
    });
    this.worker.on('failed', (job, error) =>
      this.logger.warn({ err: error, jobId: job?.id, attempts: job?.attemptsMade }, 'send-offer job failed'),
    );
    // Closed before the outbox drains and Mongo closes, so a job in flight finishes its write.
    this.runtime.onStop(async () => this.worker?.close());
  }

  async check(): Promise<void> {
    if (!this.worker?.isRunning()) throw new HakiError('HEALTH.CHECK_FAILED', 'worker not running');
    await this.connection.ping();
  }

  private run(job: SendOfferJob, attemptsMade: number, attempts = 1): Promise<void> {
    return withCorrelationId(job.correlationId, async () => {
      try {
        await this.sendOffer.execute(job, { last: attemptsMade + 1 >= attempts });
      } catch (error) {
        const coded = describeError(error);
        if (coded && !coded.retryable) throw new UnrecoverableError(`${coded.code}: ${coded.message}`);
        throw error;
      }
    });
  }
}
