import { Inject, Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@haki/contracts';
import { insertOnce } from '@haki/platform-messaging';
import type { CaseTimeline } from '../case.model';
import { CASE_TIMELINE } from '../case.tokens';
import { describeEvent, type CaseTopic } from './timeline-entry';

/** Puts an event on its case's timeline (the case id is the referral id, the event's key). */
@Injectable()
export class RecordCaseEvent {
  constructor(@Inject(CASE_TIMELINE) private readonly timeline: CaseTimeline) {}

  async execute(topic: CaseTopic, event: EventEnvelope): Promise<void> {
    const { summary, facts, offer, escalatedRole } = describeEvent(topic, event);
    // A redelivered event finds its entry already there and changes nothing.
    await insertOnce(this.timeline, {
      _id: event.eventId,
      caseId: event.key,
      type: event.type,
      occurredAt: new Date(event.occurredAt),
      summary,
      ...(facts ? { facts } : {}),
      ...(offer ? { offer } : {}),
      ...(escalatedRole ? { escalatedRole } : {}),
    });
  }
}
