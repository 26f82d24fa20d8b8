import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@haki/contracts';
import { CaseSummaries } from '../case-list/case-summaries';
import { CaseTimelineStore } from '../case-timeline-store';
import { describeEvent, type CaseTopic } from './timeline-entry';

/** Puts an event on its case's timeline (the case id is the referral id, the event's key), and refreshes the case's list row. */
@Injectable()
export class RecordCaseEvent {
  constructor(
    private readonly timeline: CaseTimelineStore,
    private readonly summaries: CaseSummaries,
  ) {}

  async execute(topic: CaseTopic, event: EventEnvelope): Promise<void> {
    const { summary, facts, offer, escalatedRole, reofferedRole } = describeEvent(topic, event);
    // A redelivered event finds itself already on the timeline and changes nothing.
    await this.timeline.append(event.key, {
      eventId: event.eventId,
      causationId: event.causationId,
      type: event.type,
      occurredAt: new Date(event.occurredAt),
      summary,
      ...(facts ? { facts } : {}),
      ...(offer ? { offer } : {}),
      ...(escalatedRole ? { escalatedRole } : {}),
      ...(reofferedRole ? { reofferedRole } : {}),
    });
    // Also for a redelivered event: the row may not have been stored before a crash.
    await this.summaries.refresh(event.key);
  }
}
