import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { TOPICS, type EventEnvelope } from '@haki/contracts';
import { MatchReferral } from './match-referral.use-case';

/** Kafka adapter: one line per event type, the work is in the use case. */
@Controller()
export class MatchReferralEvents {
  constructor(private readonly matchReferral: MatchReferral) {}

  @EventPattern(TOPICS.referralSubmitted)
  onReferralSubmitted(@Payload() event: EventEnvelope<typeof TOPICS.referralSubmitted>): Promise<void> {
    return this.matchReferral.execute(event);
  }
}
