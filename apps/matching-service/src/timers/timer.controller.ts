import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { TOPICS, type EventEnvelope } from '@haki/contracts';
import { SetTimer } from './set-timer.use-case';

/** Kafka adapter: timers the offer policy asked for become delayed jobs. */
@Controller()
export class TimerEvents {
  constructor(private readonly setTimer: SetTimer) {}

  @EventPattern(TOPICS.referralTimerSet)
  onTimerSet(@Payload() event: EventEnvelope<typeof TOPICS.referralTimerSet>): Promise<void> {
    return this.setTimer.execute(event);
  }
}
