import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { Model } from 'mongoose';
import { TOPICS, type EventEnvelope } from '@haki/contracts';
import { BRIEF_ACCESS } from '../intake.tokens';
import { TellReferrerAccepted } from '../phone-intake/tell-referrer-accepted.use-case';
import type { BriefAccessDocument } from './brief-access.model';

/**
 * assignment.confirmed opens a brief to the confirmed volunteer; assignment.cancelled closes it again.
 * Both are keyed by the referral, so they arrive in the order matching made them; each write sets the
 * whole state, so a redelivery changes nothing.
 */
@Controller()
export class AssignmentEvents {
  constructor(
    @Inject(BRIEF_ACCESS) private readonly access: Model<BriefAccessDocument>,
    private readonly tellReferrer: TellReferrerAccepted,
  ) {}

  /** The confirmed volunteer may open the brief; a phone referrer hears that someone accepted. */
  @EventPattern(TOPICS.assignmentConfirmed)
  async onConfirmed(@Payload() event: EventEnvelope<typeof TOPICS.assignmentConfirmed>): Promise<void> {
    const { offerId, referralId, professionalId, role } = event.payload;
    await this.access.replaceOne({ _id: offerId }, { referralId, professionalId, role, status: 'confirmed' }, { upsert: true });
    await this.tellReferrer.execute(referralId, { eventId: event.eventId, correlationId: event.correlationId });
  }

  @EventPattern(TOPICS.assignmentCancelled)
  async onCancelled(@Payload() event: EventEnvelope<typeof TOPICS.assignmentCancelled>): Promise<void> {
    const { offerId } = event.payload;
    // Most cancellations are of offers never confirmed: one lookup by `_id`, a write only for a confirmed one.
    if (await this.access.exists({ _id: offerId })) await this.access.updateOne({ _id: offerId }, { $set: { status: 'revoked' } });
  }
}
