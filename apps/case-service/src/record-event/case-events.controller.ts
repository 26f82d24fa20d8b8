import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { TOPICS, type EventEnvelope } from '@haki/contracts';
import { RecordCaseEvent } from './record-event.use-case';

/** Every event about a referral lands on its case timeline. */
@Controller()
export class CaseEvents {
  constructor(private readonly record: RecordCaseEvent) {}

  @EventPattern(TOPICS.referralSubmitted)
  onSubmitted(@Payload() event: EventEnvelope) {
    return this.record.execute(TOPICS.referralSubmitted, event);
  }

  @EventPattern(TOPICS.assignmentOffered)
  onOffered(@Payload() event: EventEnvelope) {
    return this.record.execute(TOPICS.assignmentOffered, event);
  }

  @EventPattern(TOPICS.notificationDispatched)
  onNotification(@Payload() event: EventEnvelope) {
    return this.record.execute(TOPICS.notificationDispatched, event);
  }

  @EventPattern(TOPICS.referralEscalated)
  onEscalated(@Payload() event: EventEnvelope) {
    return this.record.execute(TOPICS.referralEscalated, event);
  }
}
