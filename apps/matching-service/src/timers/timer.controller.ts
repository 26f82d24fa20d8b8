import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { DEDUPED_BY_HANDLER } from '@haki/platform-messaging';
import { TOPICS, type EventEnvelope } from '@haki/contracts';
import { SetTimer } from './set-timer.use-case';

/** Kafka adapter: timers the offer policy asked for become delayed jobs, one per event (its id is the job's: DEDUPED_BY_HANDLER). */
@Controller()
export class TimerEvents {
  constructor(private readonly setTimer: SetTimer) {}

  @EventPattern(TOPICS.referralTimerSet, DEDUPED_BY_HANDLER)
  onTimerSet(@Payload() event: EventEnvelope<typeof TOPICS.referralTimerSet>): Promise<void> {
    return this.setTimer.execute(event);
  }
}
