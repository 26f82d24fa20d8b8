import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { DEDUPED_BY_HANDLER } from '@haki/platform-messaging';
import { TOPICS, type EventEnvelope } from '@haki/contracts';
import { ApplyReferralInput } from './apply-referral-input.use-case';

/**
 * Kafka adapter: every input about a referral, turned into the offer policy's vocabulary. The referral's
 * record remembers the inputs applied to it, so a redelivered one is dropped there (DEDUPED_BY_HANDLER).
 */
@Controller()
export class ReferralInputs {
  constructor(private readonly referrals: ApplyReferralInput) {}

  @EventPattern(TOPICS.referralSubmitted, DEDUPED_BY_HANDLER)
  onSubmitted(@Payload() event: EventEnvelope<typeof TOPICS.referralSubmitted>): Promise<void> {
    return this.referrals.submit(event);
  }

  @EventPattern(TOPICS.referralAmended, DEDUPED_BY_HANDLER)
  onAmended(@Payload() event: EventEnvelope<typeof TOPICS.referralAmended>): Promise<void> {
    return this.referrals.amend(event);
  }

  /** Intake staff withdrew it: the same input as ops' withdrawal. */
  @EventPattern(TOPICS.referralWithdrawalRequested, DEDUPED_BY_HANDLER)
  onWithdrawalRequested(@Payload() event: EventEnvelope<typeof TOPICS.referralWithdrawalRequested>): Promise<void> {
    return this.referrals.withdrawAtIntake(event);
  }

  @EventPattern(TOPICS.assignmentResponded, DEDUPED_BY_HANDLER)
  onResponded(@Payload() event: EventEnvelope<typeof TOPICS.assignmentResponded>): Promise<void> {
    const { referralId, offerId, response } = event.payload;
    return this.referrals.apply(referralId, { type: response === 'accept' ? 'offerAccepted' : 'offerDeclined', offerId }, event);
  }

  @EventPattern(TOPICS.assignmentProgressReported, DEDUPED_BY_HANDLER)
  onProgress(@Payload() event: EventEnvelope<typeof TOPICS.assignmentProgressReported>): Promise<void> {
    return this.referrals.apply(event.payload.referralId, { type: 'progressReported', offerId: event.payload.offerId }, event);
  }

  @EventPattern(TOPICS.referralWithdrawn, DEDUPED_BY_HANDLER)
  onWithdrawn(@Payload() event: EventEnvelope<typeof TOPICS.referralWithdrawn>): Promise<void> {
    return this.referrals.apply(event.payload.referralId, { type: 'referralWithdrawn' }, event);
  }

  /** An offer that never reached the volunteer moves on without counting as their "no". */
  @EventPattern(TOPICS.notificationDeliveryFailed, DEDUPED_BY_HANDLER)
  async onDeliveryFailed(@Payload() event: EventEnvelope<typeof TOPICS.notificationDeliveryFailed>): Promise<void> {
    const { referralId, offerId, purpose } = event.payload;
    if (purpose !== 'offer') return; // a follow-up that did not arrive changes nothing the policy decides
    await this.referrals.apply(referralId, { type: 'deliveryFailed', offerId }, event);
  }

  /** Ops give a role to someone who agreed by phone; the override reason, if any, becomes the offer's explanation. */
  @EventPattern(TOPICS.assignmentRequested, DEDUPED_BY_HANDLER)
  onAssignmentRequested(@Payload() event: EventEnvelope<typeof TOPICS.assignmentRequested>): Promise<void> {
    const { referralId, role, professionalId, recordedBy, overrideReason, notEligibleBecause } = event.payload;
    const override = overrideReason ? `; not eligible (${notEligibleBecause ?? 'ranking'}), overridden: ${overrideReason}` : '';
    const rationale = `assigned by ops (${recordedBy})${override}`;
    const rationales = { [professionalId]: rationale };
    return this.referrals.apply(referralId, { type: 'assignedByOps', role, professionalId }, event, { rationales });
  }

  /** Ops ask for a role left to them to be offered again. */
  @EventPattern(TOPICS.assignmentReofferRequested, DEDUPED_BY_HANDLER)
  onReofferRequested(@Payload() event: EventEnvelope<typeof TOPICS.assignmentReofferRequested>): Promise<void> {
    return this.referrals.apply(event.payload.referralId, { type: 'reofferedByOps', role: event.payload.role }, event);
  }

  @EventPattern(TOPICS.assignmentCompletionReported, DEDUPED_BY_HANDLER)
  onCompletionReported(@Payload() event: EventEnvelope<typeof TOPICS.assignmentCompletionReported>): Promise<void> {
    return this.referrals.apply(event.payload.referralId, { type: 'assignmentCompleted', offerId: event.payload.offerId }, event);
  }

  /** People working the case moved it on: work started, or closed. */
  @EventPattern(TOPICS.caseStatusChanged, DEDUPED_BY_HANDLER)
  onCaseStatusChanged(@Payload() event: EventEnvelope<typeof TOPICS.caseStatusChanged>): Promise<void> {
    return this.referrals.applyCaseStatus(event);
  }

  /** A roster change (leave, deactivation) reaches every referral the professional holds an offer or assignment on. */
  @EventPattern(TOPICS.referralProfessionalUnavailable, DEDUPED_BY_HANDLER)
  onProfessionalUnavailable(@Payload() event: EventEnvelope<typeof TOPICS.referralProfessionalUnavailable>): Promise<void> {
    const { referralId, professionalId } = event.payload;
    return this.referrals.apply(referralId, { type: 'professionalUnavailable', professionalId }, event);
  }

  /** Surge triage: a freed slot this referral is first in line for (SurgeTriage). */
  @EventPattern(TOPICS.referralCapacityFreed, DEDUPED_BY_HANDLER)
  onCapacityFreed(@Payload() event: EventEnvelope<typeof TOPICS.referralCapacityFreed>): Promise<void> {
    return this.referrals.capacityFreed(event);
  }

  @EventPattern(TOPICS.referralTimerDue, DEDUPED_BY_HANDLER)
  onTimerDue(@Payload() event: EventEnvelope<typeof TOPICS.referralTimerDue>): Promise<void> {
    return this.referrals.apply(event.payload.referralId, event.payload.timeout, event);
  }
}
