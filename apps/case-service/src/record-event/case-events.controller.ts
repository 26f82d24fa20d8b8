import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { DEDUPED_BY_HANDLER } from '@haki/platform-messaging';
import type { EventEnvelope } from '@haki/contracts';
import { RecordCaseEvent } from './record-event.use-case';
import { CASE_TOPICS, type CaseTopic } from './timeline-entry';

/** Every event about a referral lands on its case timeline, once: its slot remembers the event id (DEDUPED_BY_HANDLER). */
@Controller()
export class CaseEvents {
  constructor(private readonly record: RecordCaseEvent) {}

  @EventPattern([...CASE_TOPICS], DEDUPED_BY_HANDLER)
  onEvent(@Payload() event: EventEnvelope) {
    // The consumer validated that the envelope's type and version are its topic's.
    return this.record.execute(`${event.type}.v${event.version}` as CaseTopic, event);
  }
}
