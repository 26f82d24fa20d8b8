import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { QUEUES } from '@haki/contracts';
import type { Logger } from '@haki/platform-logging';
import {
  HealthIndicator,
  JobWorker,
  LOGGER,
  SERVICE_CONFIG,
  SERVICE_RUNTIME,
  type HealthCheck,
  type ServiceRuntime,
} from '@haki/platform-runtime';
import type { NotificationConfig } from '../config';
import { WORKER_REDIS } from '../notification.tokens';
import { SendOffer, type SendOfferJob } from './send-offer.use-case';

/** BullMQ adapter: runs SendOffer for each job of the outbound queue (JobWorker: retries, readiness). */
@Injectable()
@HealthIndicator()
export class SendOfferWorker implements OnApplicationBootstrap, HealthCheck {
  readonly name = 'send-offer-worker';
  private readonly worker: JobWorker<SendOfferJob>;

  constructor(
    sendOffer: SendOffer,
    @Inject(WORKER_REDIS) connection: Redis,
    @Inject(SERVICE_CONFIG) config: NotificationConfig,
    @Inject(LOGGER) logger: Logger,
    @Inject(SERVICE_RUNTIME) runtime: ServiceRuntime,
  ) {
    this.worker = new JobWorker<SendOfferJob>({
      name: this.name,
      queue: QUEUES.outboundNotifications,
      connection,
      prefix: config.QUEUE_PREFIX,
      concurrency: config.WORKER_CONCURRENCY,
      lockMs: config.JOB_LOCK_MS,
      runtime,
      logger,
      handle: (job, attempt) => sendOffer.execute(job, attempt),
    });
  }

  onApplicationBootstrap(): void {
    this.worker.start();
  }

  check(): Promise<void> {
    return this.worker.check();
  }
}
