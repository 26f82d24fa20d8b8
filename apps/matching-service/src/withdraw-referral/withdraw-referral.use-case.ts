import { Inject, Injectable } from '@nestjs/common';
import { HakiError, TOPICS } from '@haki/contracts';
import { holdsCapacity } from '@haki/matching-core';
import type { Logger } from '@haki/platform-logging';
import { LOGGER } from '@haki/platform-runtime';
import { REFERRAL_DECISIONS } from '../matching.tokens';
import { OpsInputPublisher } from '../offer-updates/ops-input-publisher';
import type { ReferralDecisions } from '../referral-decisions/referral-decision.model';
import { opsReasonRequest } from '../ops-request';

/**
 * Ops withdraw a referral: published as `referral.withdrawn` for the referral's consumer, which
 * cancels every open offer and assignment (the volunteers are told) and frees their capacity.
 */
@Injectable()
export class WithdrawReferral {
  constructor(
    @Inject(REFERRAL_DECISIONS) private readonly decisions: ReferralDecisions,
    private readonly inputs: OpsInputPublisher,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(referralId: string, body: unknown): Promise<{ referralId: string; status: 'recorded' }> {
    const parsed = opsReasonRequest.safeParse(body);
    if (!parsed.success) throw HakiError.fromZod('REFERRAL.INVALID_WITHDRAWAL', parsed.error);
    const record = await this.decisions.findById(referralId).lean();
    if (!record) throw new HakiError('REFERRAL.NOT_FOUND', `no referral ${referralId} in matching`);
    if (record.status === 'withdrawn') throw new HakiError('REFERRAL.ALREADY_WITHDRAWN', `referral ${referralId} was withdrawn already`);
    // The policy ignores a withdrawal of an ended referral nobody holds: say so rather than answer 202.
    if (record.status !== 'searching' && !record.policy.offers.some((offer) => holdsCapacity(offer.status))) {
      throw new HakiError('REFERRAL.ALREADY_ENDED', `referral ${referralId} is ${record.status} and nobody holds it; nothing to withdraw`);
    }
    await this.inputs.publish(TOPICS.referralWithdrawn, referralId, { referralId, ...parsed.data });
    this.logger.info({ referralId }, 'withdrawal recorded');
    return { referralId, status: 'recorded' };
  }
}
