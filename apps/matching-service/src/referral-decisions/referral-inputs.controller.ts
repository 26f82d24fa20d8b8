import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { TOPICS, type EventEnvelope } from '@haki/contracts';
import { ApplyReferralInput } from './apply-referral-input.use-case';

/** Kafka adapter: every input about a referral, turned into the offer policy's vocabulary. */
@Controller()
export class ReferralInputs {
  constructor(private readonly referrals: ApplyReferralInput) {}

  @EventPattern(TOPICS.referralSubmitted)
  onSubmitted(@Payload() event: EventEnvelope<typeof TOPICS.referralSubmitted>): Promise<void> {
    return this.referrals.submit(event);
  }

  @EventPattern(TOPICS.assignmentResponded)
  onResponded(@Payload() event: EventEnvelope<typeof TOPICS.assignmentResponded>): Promise<void> {
    const { referralId, offerId, response } = event.payload;
    return this.referrals.apply(referralId, { type: response === 'accept' ? 'offerAccepted' : 'offerDeclined', offerId }, event);
  }

  @EventPattern(TOPICS.assignmentProgressReported)
  onProgress(@Payload() event: EventEnvelope<typeof TOPICS.assignmentProgressReported>): Promise<void> {
    return this.referrals.apply(event.payload.referralId, { type: 'progressReported', offerId: event.payload.offerId }, event);
  }

  @EventPattern(TOPICS.referralWithdrawn)
  onWithdrawn(@Payload() event: EventEnvelope<typeof TOPICS.referralWithdrawn>): Promise<void> {
    return this.referrals.apply(event.payload.referralId, { type: 'referralWithdrawn' }, event);
  }

  /** An offer that never reached the volunteer moves on without counting as their "no". */
  @EventPattern(TOPICS.notificationDispatched)
  async onDispatched(@Payload() event: EventEnvelope<typeof TOPICS.notificationDispatched>): Promise<void> {
    const { referralId, offerId, status, purpose } = event.payload;
    if (status !== 'failed' || (purpose ?? 'offer') !== 'offer') return;
    await this.referrals.apply(referralId, { type: 'deliveryFailed', offerId }, event);
  }

  @EventPattern(TOPICS.referralTimerDue)
  onTimerDue(@Payload() event: EventEnvelope<typeof TOPICS.referralTimerDue>): Promise<void> {
    return this.referrals.apply(event.payload.referralId, event.payload.timeout, event);
  }
}
