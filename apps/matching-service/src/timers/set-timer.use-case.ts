import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { EventEnvelope, TOPICS } from '@haki/contracts';
import { traceparentField } from '@haki/platform-logging';
import { TIMER_QUEUE } from '../matching.tokens';
import type { TimerJob } from './timer-queue';

/**
 * referral.timer-set → a BullMQ delayed job due at the timer's time. The job id is the event id, so a
 * redelivered event adds no second timer; Redis keeps delayed jobs across restarts (AOF).
 */
@Injectable()
export class SetTimer {
  constructor(@Inject(TIMER_QUEUE) private readonly queue: Queue<TimerJob>) {}

  async execute(event: EventEnvelope<typeof TOPICS.referralTimerSet>): Promise<void> {
    const { referralId, dueAt, timeout } = event.payload;
    await this.queue.add(
      'due',
      { timerSetEventId: event.eventId, correlationId: event.correlationId, referralId, dueAt, timeout, ...traceparentField() },
      {
        jobId: event.eventId,
        delay: Math.max(0, Date.parse(dueAt) - Date.now()),
        attempts: 20,
        backoff: { type: 'exponential', delay: 1_000 },
        removeOnComplete: 1000,
        removeOnFail: false,
      },
    );
  }
}
