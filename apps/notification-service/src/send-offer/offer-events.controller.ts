import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { DEDUPED_BY_HANDLER } from '@haki/platform-messaging';
import { TOPICS, type EventEnvelope } from '@haki/contracts';
import { QueueFollowUp, type FollowUpEvent } from './queue-follow-up.use-case';
import { QueueOffer } from './queue-offer.use-case';

/**
 * Kafka adapter: an offer, and what became of it, each become a message to the volunteer. Each message
 * record is keyed by its offer and purpose and inserted once, and its job by the same id, so the use
 * cases drop a redelivered event themselves (DEDUPED_BY_HANDLER).
 */
@Controller()
export class OfferEvents {
  constructor(
    private readonly queueOffer: QueueOffer,
    private readonly queueFollowUp: QueueFollowUp,
  ) {}

  @EventPattern(TOPICS.assignmentOffered, DEDUPED_BY_HANDLER)
  onAssignmentOffered(@Payload() event: EventEnvelope<typeof TOPICS.assignmentOffered>): Promise<void> {
    return this.queueOffer.execute(event);
  }

  @EventPattern(TOPICS.assignmentConfirmed, DEDUPED_BY_HANDLER)
  onConfirmed(@Payload() event: FollowUpEvent): Promise<void> {
    return this.queueFollowUp.execute('confirmed', event);
  }

  @EventPattern(TOPICS.assignmentCancelled, DEDUPED_BY_HANDLER)
  onCancelled(@Payload() event: FollowUpEvent): Promise<void> {
    return this.queueFollowUp.execute('cancelled', event);
  }

  @EventPattern(TOPICS.assignmentExpired, DEDUPED_BY_HANDLER)
  onExpired(@Payload() event: FollowUpEvent): Promise<void> {
    return this.queueFollowUp.execute('expired', event);
  }

  @EventPattern(TOPICS.assignmentCompleted, DEDUPED_BY_HANDLER)
  onCompleted(@Payload() event: FollowUpEvent): Promise<void> {
    return this.queueFollowUp.execute('completed', event);
  }

  @EventPattern(TOPICS.assignmentReminded, DEDUPED_BY_HANDLER)
  onReminded(@Payload() event: FollowUpEvent): Promise<void> {
    return this.queueFollowUp.execute('reminder', event);
  }
}
