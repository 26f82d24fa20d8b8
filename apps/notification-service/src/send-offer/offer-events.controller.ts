import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { TOPICS, type EventEnvelope } from '@haki/contracts';
import { QueueFollowUp, type FollowUpEvent } from './queue-follow-up.use-case';
import { QueueOffer } from './queue-offer.use-case';

/** Kafka adapter: an offer, and what became of it, each become a message to the volunteer. */
@Controller()
export class OfferEvents {
  constructor(
    private readonly queueOffer: QueueOffer,
    private readonly queueFollowUp: QueueFollowUp,
  ) {}

  @EventPattern(TOPICS.assignmentOffered)
  onAssignmentOffered(@Payload() event: EventEnvelope<typeof TOPICS.assignmentOffered>): Promise<void> {
    return this.queueOffer.execute(event);
  }

  @EventPattern(TOPICS.assignmentConfirmed)
  onConfirmed(@Payload() event: FollowUpEvent): Promise<void> {
    return this.queueFollowUp.execute('confirmed', event);
  }

  @EventPattern(TOPICS.assignmentCancelled)
  onCancelled(@Payload() event: FollowUpEvent): Promise<void> {
    return this.queueFollowUp.execute('cancelled', event);
  }

  @EventPattern(TOPICS.assignmentExpired)
  onExpired(@Payload() event: FollowUpEvent): Promise<void> {
    return this.queueFollowUp.execute('expired', event);
  }

  @EventPattern(TOPICS.assignmentCompleted)
  onCompleted(@Payload() event: FollowUpEvent): Promise<void> {
    return this.queueFollowUp.execute('completed', event);
  }

  @EventPattern(TOPICS.assignmentReminded)
  onReminded(@Payload() event: FollowUpEvent): Promise<void> {
    return this.queueFollowUp.execute('reminder', event);
  }
}
