import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { EventFactory, HakiError, QUEUES, TOPICS, policyTimeoutSchema } from '@haki/contracts';
import { withCorrelationId, type Logger } from '@haki/platform-logging';
import { EventPublisher } from '@haki/platform-messaging';
import {
  HealthIndicator,
  LOGGER,
  SERVICE_CONFIG,
  SERVICE_RUNTIME,
  stalledJobRecovery,
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
 * same event and the consumer skips the copy. Also a readiness check: worker running, Redis answering.
 */
@Injectable()
@HealthIndicator()
export class TimerWorker implements OnApplicationBootstrap, HealthCheck {
  readonly name = 'timer-worker';
  private worker: Worker<TimerJob> | undefined;

  constructor(
    @Inject(TIMER_WORKER_REDIS) private readonly connection: Redis,
    @Inject(SERVICE_CONFIG) private readonly config: MatchingConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    private readonly publisher: EventPublisher,
    private readonly events: EventFactory,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = new Worker<TimerJob>(
      QUEUES.matchingTimers,
      (job) => withCorrelationId(job.data.correlationId, () => this.fire(job.data)),
      {
        connection: this.connection,
        prefix: this.config.QUEUE_PREFIX,
        concurrency: 5,
        ...stalledJobRecovery(this.config.JOB_LOCK_MS),
      },
    );
    this.worker.on('failed', (job, error) => this.logger.warn({ err: error, jobId: job?.id }, 'timer job failed'));
    this.runtime.onStop(async () => this.worker?.close());
  }

  async check(): Promise<void> {
    if (!this.worker?.isRunning()) throw new HakiError('HEALTH.CHECK_FAILED', 'timer worker not running');
    await this.connection.ping();
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
