import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUES } from '@haki/contracts';
import { withCorrelationId, type Logger } from '@haki/platform-logging';
import { LOGGER, SERVICE_CONFIG, SERVICE_RUNTIME, createRedis, type ServiceRuntime } from '@haki/platform-runtime';
import type { NotificationConfig } from '../config';
import { SendOffer, type SendOfferJob } from './send-offer.use-case';

/** BullMQ adapter: runs SendOffer for each job, inside the job's correlation id. */
@Injectable()
export class SendOfferWorker implements OnApplicationBootstrap {
  private worker: Worker<SendOfferJob> | undefined;

  constructor(
    private readonly sendOffer: SendOffer,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
  ) {}

  onApplicationBootstrap(): void {
    const connection: Redis = createRedis(this.config.REDIS_URL);
    this.worker = new Worker<SendOfferJob>(
      QUEUES.outboundNotifications,
      (job) =>
        withCorrelationId(job.data.correlationId, () =>
          this.sendOffer.execute(job.data, { last: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) }),
        ),
      {
        connection,
        prefix: this.config.QUEUE_PREFIX,
        concurrency: this.config.WORKER_CONCURRENCY,
        lockDuration: this.config.JOB_LOCK_MS,
        stalledInterval: Math.max(1_000, Math.floor(this.config.JOB_LOCK_MS / 3)),
        // A job whose worker was killed is retried, not failed: the send is idempotent.
        maxStalledCount: 5,
      },
    );
    this.worker.on('failed', (job, error) =>
      this.logger.warn({ err: error, jobId: job?.id, attempts: job?.attemptsMade }, 'send-offer job failed'),
    );
    // Closed before the outbox drains and Mongo closes, so a job in flight finishes its write.
    this.runtime.onStop(async () => {
      await this.worker?.close();
      await connection.quit();
    });
  }
}
