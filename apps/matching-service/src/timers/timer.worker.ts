import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { EventFactory, QUEUES, TOPICS, policyTimeoutSchema } from '@haki/contracts';
import type { Logger } from '@haki/platform-logging';
import { EventPublisher } from '@haki/platform-messaging';
import {
  HealthIndicator,
  JobWorker,
  LOGGER,
  SERVICE_CONFIG,
  SERVICE_RUNTIME,
  type HealthCheck,
  type ServiceRuntime,
} from '@haki/platform-runtime';
import type { MatchingConfig } from '../config';
import { TIMER_WORKER_REDIS } from '../matching.tokens';
import type { TimerJob } from './timer-queue';

/**
 * BullMQ adapter: a due timer is published as `referral.timer-due`, keyed by the referral, so the
 * consumer that owns the referral applies it in order with every other input (it never writes the
 * referral itself). The event id comes from the timer, so a job re-run after a crash publishes the
 * same event and the consumer skips the copy. Retries and readiness: JobWorker.
 */
@Injectable()
@HealthIndicator()
export class TimerWorker implements OnApplicationBootstrap, HealthCheck {
  readonly name = 'timer-worker';
  private readonly worker: JobWorker<TimerJob>;

  constructor(
    @Inject(TIMER_WORKER_REDIS) connection: Redis,
    @Inject(SERVICE_CONFIG) config: MatchingConfig,
    @Inject(LOGGER) logger: Logger,
    @Inject(SERVICE_RUNTIME) runtime: ServiceRuntime,
    private readonly publisher: EventPublisher,
    private readonly events: EventFactory,
  ) {
    this.worker = new JobWorker<TimerJob>({
      name: this.name,
      queue: QUEUES.matchingTimers,
      connection,
      prefix: config.QUEUE_PREFIX,
      concurrency: 5,
      lockMs: config.JOB_LOCK_MS,
      runtime,
      logger,
      handle: (job) => this.fire(job),
    });
  }

  onApplicationBootstrap(): void {
    this.worker.start();
  }

  check(): Promise<void> {
    return this.worker.check();
  }

  private async fire(job: TimerJob): Promise<void> {
    const envelope = this.events.followUp(
      { eventId: job.timerSetEventId, correlationId: job.correlationId },
      {
        topic: TOPICS.referralTimerDue,
        key: job.referralId,
        idSeed: `timer-due:${job.timerSetEventId}`,
        payload: { referralId: job.referralId, dueAt: job.dueAt, timeout: policyTimeoutSchema.parse(job.timeout) },
      },
    );
    await this.publisher.publish([{ topic: TOPICS.referralTimerDue, envelope }]);
  }
}
