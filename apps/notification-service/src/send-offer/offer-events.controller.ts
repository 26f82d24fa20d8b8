import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { TOPICS, type EventEnvelope } from '@haki/contracts';
import { QueueOffer } from './queue-offer.use-case';

@Controller()
export class OfferEvents {
  constructor(private readonly queueOffer: QueueOffer) {}

  @EventPattern(TOPICS.assignmentOffered)
  onAssignmentOffered(@Payload() event: EventEnvelope<typeof TOPICS.assignmentOffered>): Promise<void> {
    return this.queueOffer.execute(event);
  }
}
