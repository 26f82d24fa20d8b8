import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { EventFactory, TOPICS, type Topic } from '@haki/contracts';
import type { Logger } from '@haki/platform-logging';
import type { DeadLetter } from '@haki/platform-messaging';
import { EventPublisher } from '@haki/platform-messaging';
import { LOGGER, SERVICE_RUNTIME, type ServiceRuntime } from '@haki/platform-runtime';

/** Matching's inputs keyed by the referral: one of them dead-lettered leaves the referral without its decision. */
const REFERRAL_KEYED: ReadonlySet<Topic> = new Set([
  TOPICS.referralSubmitted,
  TOPICS.assignmentResponded,
  TOPICS.assignmentProgressReported,
  TOPICS.referralWithdrawn,
  TOPICS.notificationDeliveryFailed,
  TOPICS.assignmentRequested,
  TOPICS.assignmentReofferRequested,
  TOPICS.assignmentCompletionReported,
  TOPICS.caseStatusChanged,
  TOPICS.referralProfessionalUnavailable,
  TOPICS.referralTimerSet,
  TOPICS.referralTimerDue,
  TOPICS.referralCapacityFreed,
]);

/**
 * A referral whose input matching could not process would otherwise sit at "matching" with nobody
 * told: it is escalated to ops as a whole (`referral.escalated` without a role), naming the error and
 * where the message is kept (GET /dead-letters on the matching service, with replay).
 */
@Injectable()
export class EscalateDeadLettered implements OnModuleInit {
  constructor(
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    private readonly publisher: EventPublisher,
    private readonly events: EventFactory,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.runtime.onDeadLetter((letter) => this.escalate(letter));
  }

  private async escalate(letter: DeadLetter): Promise<void> {
    if (!REFERRAL_KEYED.has(letter.topic) || !letter.key) return;
    const referralId = letter.key;
    const reason = `an event for this referral could not be processed (${letter.reason.code}); dead letter ${letter.id}`;
    const cause = { eventId: letter.id, correlationId: referralId };
    const event = this.events.followUp(cause, {
      topic: TOPICS.referralEscalated,
      key: referralId,
      payload: { referralId, reason },
      idSeed: `dead-letter:${letter.id}`,
    });
    await this.publisher.publish([{ topic: TOPICS.referralEscalated, envelope: event }]);
    this.logger.warn(
      { referralId, deadLetter: letter.id, code: letter.reason.code },
      'referral escalated: one of its events was dead-lettered',
    );
  }
}
