import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { HakiError, TOPICS } from '@haki/contracts';
import type { Logger } from '@haki/platform-logging';
import { LOGGER } from '@haki/platform-runtime';
import { REFERRAL_DECISIONS } from '../matching.tokens';
import type { ReferralDecisions } from '../referral-decisions/referral-decision.model';
import { findOffer } from './find-offer';
import { OpsInputPublisher } from './ops-input-publisher';
import type { Principal } from '@haki/platform-access';
import { channelOf, recordedBy, recordedByCaller, requireOwnOffer } from '../ops-request';

export const responseRequest = z
  .object({
    response: z.enum(['accept', 'decline']),
    reason: z.string().trim().max(500).optional(),
    recordedBy,
  })
  .strict();

export interface RecordedResponse {
  offerId: string;
  referralId: string;
  response: 'accept' | 'decline';
  status: 'recorded';
}

/**
 * Ops record a volunteer's answer given by phone, or the volunteer answers signed in (their own
 * offers only). This only publishes `assignment.responded`: the
 * matching consumer that owns the referral applies it in order with everything else (one writer per
 * referral). An answer to an offer that is no longer open is refused here with its state, so the
 * caller knows at once that it changed nothing; one that loses a race (the offer expires meanwhile)
 * is ignored by the policy.
 */
@Injectable()
export class RespondToOffer {
  constructor(
    @Inject(REFERRAL_DECISIONS) private readonly decisions: ReferralDecisions,
    private readonly inputs: OpsInputPublisher,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(offerId: string, body: unknown, caller: Principal): Promise<RecordedResponse> {
    const parsed = responseRequest.safeParse(recordedByCaller(body, caller));
    if (!parsed.success) throw HakiError.fromZod('OFFER.INVALID_RESPONSE', parsed.error);
    const { referralId, offer } = await findOffer(
      this.decisions,
      offerId,
      {
        statuses: ['open'],
        code: 'OFFER.NOT_OPEN',
        refused: 'the answer changed nothing',
      },
      (offer) => requireOwnOffer(caller, offer),
    );

    const { response, reason, recordedBy } = parsed.data;
    await this.inputs.publish(TOPICS.assignmentResponded, referralId, {
      referralId,
      offerId,
      professionalId: offer.professionalId,
      response,
      channel: channelOf(caller),
      recordedBy,
      ...(reason ? { reason } : {}),
    });
    this.logger.info({ referralId, offerId, response }, 'response recorded');
    return { offerId, referralId, response, status: 'recorded' };
  }
}
