import { Inject, Injectable } from '@nestjs/common';
import type { Model } from 'mongoose';
import type { EventEnvelope, Topic } from '@haki/contracts';
import { isDuplicateKeyError } from '@haki/platform-messaging';
import { CASES, type CaseDocument } from '../case.model';
import { describeEvent } from './timeline-entry';

/**
 * Appends an event to its case's timeline, creating the case on the first event for a referral
 * (events of one referral may arrive from different topics in any order). One atomic upsert per
 * event; the `appliedEventIds` filter makes a redelivery a no-op.
 */
@Injectable()
export class RecordCaseEvent {
  constructor(@Inject(CASES) private readonly cases: Model<CaseDocument>) {}

  async execute(topic: Topic, event: EventEnvelope): Promise<void> {
    const { summary, facts } = describeEvent(topic, event);
    try {
      await this.cases.updateOne(
        { _id: event.key, appliedEventIds: { $ne: event.eventId } },
        {
          $push: {
            appliedEventIds: event.eventId,
            timeline: { eventId: event.eventId, type: event.type, occurredAt: new Date(event.occurredAt), summary },
          },
          ...(facts ? { $set: facts } : {}),
        },
        { upsert: true },
      );
    } catch (error) {
      // The case exists and already holds this event: the filter missed it, so the upsert collided on _id.
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
}
