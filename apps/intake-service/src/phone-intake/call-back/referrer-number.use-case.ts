import { Inject, Injectable } from '@nestjs/common';
import type { Model } from 'mongoose';
import { HakiError } from '@haki/contracts';
import type { Principal } from '@haki/platform-access';
import { Sealer } from '@haki/platform-config';
import { AuditLog } from '@haki/platform-runtime';
import { REFERRALS } from '../../intake.tokens';
import { referralForCaller } from '../../referrals/referral-access';
import type { ReferralRequest } from '../../referrals/referral-request/referral-request';
import type { ReferralDocument } from '../../referrals/referral.model';

/**
 * The number to call a phone referrer back on: opened for an intake worker who may work on the referral,
 * and put on the audit log first, as a brief's opening is. A referrer who asked not to be called left none.
 */
@Injectable()
export class ReferrerNumber {
  constructor(
    @Inject(REFERRALS) private readonly referrals: Model<ReferralDocument>,
    private readonly sealer: Sealer,
    private readonly audit: AuditLog,
  ) {}

  async execute(referralId: string, caller: Principal): Promise<{ referralId: string; phone: string | null }> {
    const referral = await referralForCaller(this.referrals, referralId, caller);
    if (!referral.channel || !referral.sealedRequest) {
      throw new HakiError('REFERRAL.NOT_AWAITING_CALL_BACK', `referral ${referralId} did not come from a basic phone`);
    }
    await this.audit.append({
      actor: caller.subject,
      roles: caller.roles,
      action: 'pii.opened',
      target: { referralId, field: 'referrer.phone' },
      outcome: 'ok',
    });
    const request = this.sealer.open<ReferralRequest>(referral.sealedRequest, referralId);
    return { referralId, phone: request.referrer.phone ?? null };
  }
}
