import { Inject, Injectable } from '@nestjs/common';
import { HakiError, TOPICS } from '@haki/contracts';
import { REFERRAL_DECISIONS } from '../matching.tokens';
import type { ReferralDecisions } from '../referral-decisions/referral-decision.model';
import { findOffer } from './find-offer';
import { OpsInputPublisher } from './ops-input-publisher';
import type { Principal } from '@haki/platform-access';
import { opsNoteRequest, recordedByCaller, requireOwnOffer } from '../ops-request';

/**
 * Ops record that an assignment's work is done (report filed, postmortem performed). Published as
 * `assignment.completion-reported` for the referral's consumer, which frees the volunteer's capacity
 * and publishes `assignment.completed`; the referral is completed once every staffed role is.
 */
@Injectable()
export class CompleteAssignment {
  constructor(
    @Inject(REFERRAL_DECISIONS) private readonly decisions: ReferralDecisions,
    private readonly inputs: OpsInputPublisher,
  ) {}

  async execute(offerId: string, body: unknown, caller: Principal): Promise<{ offerId: string; referralId: string; status: 'recorded' }> {
    const parsed = opsNoteRequest.safeParse(recordedByCaller(body, caller));
    if (!parsed.success) throw HakiError.fromZod('OFFER.INVALID_COMPLETION', parsed.error);
    const { referralId } = await findOffer(
      this.decisions,
      offerId,
      {
        statuses: ['accepted', 'active'],
        code: 'OFFER.NOT_ACCEPTED',
        refused: 'only an accepted assignment can be completed',
      },
      (offer) => requireOwnOffer(caller, offer),
    );
    const { note, recordedBy } = parsed.data;
    await this.inputs.publish(TOPICS.assignmentCompletionReported, referralId, {
      referralId,
      offerId,
      recordedBy,
      ...(note ? { note } : {}),
    });
    return { offerId, referralId, status: 'recorded' };
  }
}
