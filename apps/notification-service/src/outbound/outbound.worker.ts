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
import { SMS_ROUTES, WORKER_REDIS } from '../notification.tokens';
import { SendReferrerMessage } from '../referrer-messages/send-referrer-message.use-case';
import { SendReply } from '../replies/send-reply.use-case';
import { SendOffer } from '../send-offer/send-offer.use-case';
import type { OutboundJob } from './outbound-job';
import type { SmsRoutes } from './outbound-queue';

/**
 * BullMQ adapter: one worker per provider queue (the primary's, and the fallback's when configured),
 * each sending through its own provider at that provider's rate limit (BullMQ's limiter), and running
 * SendOffer, SendReply or SendReferrerMessage for each job (JobWorker: retries, readiness).
 */
@Injectable()
@HealthIndicator()
export class OutboundWorker implements OnApplicationBootstrap, HealthCheck {
  readonly name = 'send-offer-worker';
  private readonly workers: JobWorker<OutboundJob>[];

  constructor(
    sendOffer: SendOffer,
    sendReply: SendReply,
    sendReferrerMessage: SendReferrerMessage,
    @Inject(SMS_ROUTES) routes: SmsRoutes,
    @Inject(WORKER_REDIS) connection: Redis,
    @Inject(SERVICE_CONFIG) config: NotificationConfig,
    @Inject(LOGGER) logger: Logger,
    @Inject(SERVICE_RUNTIME) runtime: ServiceRuntime,
  ) {
    const lanes = [
      { queue: QUEUES.outboundNotifications, route: routes.primary, perSecond: config.SMS_MAX_PER_SECOND },
      ...(routes.fallback
        ? [{ queue: QUEUES.outboundFallback, route: routes.fallback, perSecond: config.SMS_FALLBACK_MAX_PER_SECOND }]
        : []),
    ];
    this.workers = lanes.map(
      ({ queue, route, perSecond }) =>
        new JobWorker<OutboundJob>({
          name: `${this.name}:${route.channel.provider}`,
          queue,
          connection,
          prefix: config.QUEUE_PREFIX,
          concurrency: config.WORKER_CONCURRENCY,
          lockMs: config.JOB_LOCK_MS,
          ...(perSecond ? { limiter: { max: perSecond, duration: 1_000 } } : {}),
          runtime,
          logger,
          handle: (job, attempt) =>
            (job.kind === 'reply' ? sendReply : job.kind === 'referrer' ? sendReferrerMessage : sendOffer).execute(job, attempt, route),
        }),
    );
  }

  onApplicationBootstrap(): void {
    for (const worker of this.workers) worker.start();
  }

  async check(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.check()));
  }
}
