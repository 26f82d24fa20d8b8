import { Inject, Injectable } from '@nestjs/common';
import type { Model } from 'mongoose';
import { z } from 'zod';
import { createEvent, deterministicEventId, EventFactory, HakiError, TOPICS } from '@haki/contracts';
import type { Principal } from '@haki/platform-access';
import { correlationIdOrNew, type Logger } from '@haki/platform-logging';
import { toOutbox, type OutboxRelay } from '@haki/platform-messaging';
import { LOGGER } from '@haki/platform-runtime';
import { REFERRALS, REFERRALS_OUTBOX } from '../../intake.tokens';
import { referralForCaller } from '../referral-access';
import type { ReferralDocument, ReferralStatus } from '../referral.model';
import { referralView, type ReferralView } from '../referral-view';

const decisionRequest = z.discriminatedUnion(
  'decision',
  [
    /** The same incident: join that case; nobody new is reserved. */
    z.object({ decision: z.literal('link'), caseId: z.string().min(1).max(100) }).strict(),
    /** Not the same incident after all (two people of one name, say): match it as a case of its own. */
    z.object({ decision: z.literal('separate'), reason: z.string().trim().min(1, 'is required').max(500) }).strict(),
  ],
  { error: 'must be link (with caseId) or separate (with reason)' },
);

/**
 * Staff's answer to "this looks like a case already open": link the referral to that case (the case
 * gains a referrer, `referral.linked`), or keep it separate (it goes to matching, `referral.submitted`,
 * or waits for consent if it has none). The event is enqueued before the referral is updated and has
 * an id derived from the referral and the decision, so a retry after a crash publishes nothing twice.
 */
@Injectable()
export class DecideDuplicate {
  constructor(
    @Inject(REFERRALS) private readonly referrals: Model<ReferralDocument>,
    @Inject(REFERRALS_OUTBOX) private readonly outbox: OutboxRelay,
    private readonly events: EventFactory,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(referralId: string, body: unknown, caller: Principal): Promise<ReferralView> {
    const parsed = decisionRequest.safeParse(body);
    if (!parsed.success) throw HakiError.fromZod('REFERRAL.INVALID', parsed.error);
    const referral = await referralForCaller(this.referrals, referralId, caller);
    if (referral.status !== 'possible-duplicate') {
      throw new HakiError(
        'REFERRAL.NOT_A_POSSIBLE_DUPLICATE',
        `referral ${referralId} is ${referral.status}: there is no duplicate to decide`,
      );
    }
    const request = parsed.data;
    if (request.decision === 'link' && !referral.probableDuplicates?.includes(request.caseId)) {
      const reason = `is not one of the cases this referral may duplicate (${referral.probableDuplicates?.join(', ')})`;
      throw new HakiError('REFERRAL.INVALID', `caseId: ${reason}`, { fields: [{ field: 'caseId', reason }] });
    }
    const facts = referral.facts!;
    const now = new Date();
    const common = {
      key: request.decision === 'link' ? request.caseId : referralId,
      producer: this.events.producer,
      correlationId: correlationIdOrNew(),
    };
    let status: ReferralStatus;
    let entry;
    if (request.decision === 'link') {
      status = 'linked';
      const payload = {
        referralId: request.caseId,
        linkedReferralId: referralId,
        source: facts.source!,
        ...(referral.organisationId ? { organisationId: referral.organisationId } : {}),
        linkedAt: now.toISOString(),
      };
      entry = toOutbox(
        TOPICS.referralLinked,
        createEvent({ ...common, topic: TOPICS.referralLinked, payload, eventId: deterministicEventId(`linked:${referralId}`) }),
      );
    } else {
      status = facts.rolesNeeded.length ? 'submitted' : 'awaiting-consent';
      const payload = { ...facts, referralId, submittedAt: referral.submittedAt.toISOString() };
      entry =
        status === 'submitted'
          ? toOutbox(
              TOPICS.referralSubmitted,
              createEvent({
                ...common,
                topic: TOPICS.referralSubmitted,
                payload,
                eventId: deterministicEventId(`submitted:${referralId}`),
              }),
            )
          : undefined;
    }
    if (entry) await this.outbox.enqueue([entry]);
    const duplicateDecision = {
      decision: request.decision,
      ...(request.decision === 'separate' ? { reason: request.reason } : {}),
      by: caller.subject,
      at: now,
    };
    // Conditional on the status still being undecided: of two staff deciding at once, one wins.
    const updated = await this.referrals.updateOne(
      { _id: referralId, status: 'possible-duplicate' },
      { $set: { status, duplicateDecision, ...(request.decision === 'link' ? { linkedTo: request.caseId } : {}) } },
    );
    if (updated.modifiedCount === 0)
      throw new HakiError('REFERRAL.NOT_A_POSSIBLE_DUPLICATE', `referral ${referralId} was decided a moment ago`);
    this.outbox.kick();
    this.logger.info({ referralId, decision: request.decision, status }, 'possible duplicate decided');
    return referralView({ ...referral, status, duplicateDecision, ...(request.decision === 'link' ? { linkedTo: request.caseId } : {}) });
  }
}
