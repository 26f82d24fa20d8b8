import { Inject, Injectable } from '@nestjs/common';
import type { Model } from 'mongoose';
import type { EventCause } from '@haki/contracts';
import { Sealer } from '@haki/platform-config';
import type { Logger } from '@haki/platform-logging';
import { LOGGER } from '@haki/platform-runtime';
import { toE164 } from '@haki/vocabulary';
import { REFERRALS } from '../intake.tokens';
import type { ReferralRequest } from '../referrals/referral-request/referral-request';
import type { ReferralDocument } from '../referrals/referral.model';
import { ReferrerMessages } from './referrer-messages';

const ACCEPTED = {
  en: (reference: string) =>
    `Haki: a volunteer professional has accepted your referral ${reference}. Haki will keep in touch on this number.`,
  sw: (reference: string) =>
    `Haki: mtaalamu wa kujitolea amekubali rufaa yako ${reference}. Haki itaendelea kuwasiliana nawe kwa namba hii.`,
};

/**
 * The referrer of a phone referral is told by SMS when a professional has accepted it: once per
 * referral (the first confirmation; the message id is the referral's), with its reference and nothing
 * else: no name, no place, no role. Only a referrer who left their number for a call-back is texted.
 */
@Injectable()
export class TellReferrerAccepted {
  constructor(
    @Inject(REFERRALS) private readonly referrals: Model<ReferralDocument>,
    private readonly sealer: Sealer,
    private readonly messages: ReferrerMessages,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(referralId: string, cause: EventCause): Promise<void> {
    const referral = await this.referrals.findById(referralId, { channel: 1, reference: 1, sealedRequest: 1 }).lean();
    if (!referral?.channel || !referral.reference || !referral.sealedRequest) return; // not from a basic phone
    const request = this.sealer.open<ReferralRequest>(referral.sealedRequest, referralId);
    const phone = request.referrer.phone && toE164(request.referrer.phone);
    if (!phone) return; // they did not want to be called
    const text = ACCEPTED[request.language === 'sw' ? 'sw' : 'en'](referral.reference);
    await this.messages.send(`referrer-accepted:${referralId}`, 'accepted', phone, text, cause);
    this.logger.info({ referralId }, 'phone referrer told a professional accepted');
  }
}
