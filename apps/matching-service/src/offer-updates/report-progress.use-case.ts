import { Inject, Injectable } from '@nestjs/common';
import { HakiError, TOPICS } from '@haki/contracts';
import { REFERRAL_DECISIONS } from '../matching.tokens';
import type { ReferralDecisions } from '../referral-decisions/referral-decision.model';
import { findOffer } from './find-offer';
import { OpsInputPublisher } from './ops-input-publisher';
import type { Principal } from '@haki/platform-access';
import { channelOf, opsNoteRequest, recordedByCaller, requireOwnOffer } from '../ops-request';

/**
 * Ops record that the volunteer who accepted is on it (on site, examination started). Published as
 * `assignment.progress-reported` for the referral's consumer: the role becomes active, the reminder
 * and re-offer timers stop mattering, and the referral is assigned once every required role is.
 */
@Injectable()
export class ReportProgress {
  constructor(
    @Inject(REFERRAL_DECISIONS) private readonly decisions: ReferralDecisions,
    private readonly inputs: OpsInputPublisher,
  ) {}

  async execute(offerId: string, body: unknown, caller: Principal): Promise<{ offerId: string; referralId: string; status: 'recorded' }> {
    const parsed = opsNoteRequest.safeParse(recordedByCaller(body, caller));
    if (!parsed.success) throw HakiError.fromZod('OFFER.INVALID_RESPONSE', parsed.error);
    const { referralId, offer } = await findOffer(
      this.decisions,
      offerId,
      {
        statuses: ['accepted', 'active'],
        code: 'OFFER.NOT_ACCEPTED',
        refused: 'progress is reported on an accepted offer',
      },
      (offer) => requireOwnOffer(caller, offer),
    );
    const { note, recordedBy } = parsed.data;
    await this.inputs.publish(TOPICS.assignmentProgressReported, referralId, {
      referralId,
      offerId,
      professionalId: offer.professionalId,
      channel: channelOf(caller),
      recordedBy,
      ...(note ? { note } : {}),
    });
    return { offerId, referralId, status: 'recorded' };
  }
}
