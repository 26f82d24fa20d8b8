import { Controller, Get, Inject, Param } from '@nestjs/common';
import type { Model } from 'mongoose';
import { Allow, CurrentPrincipal, ROLE_GROUPS, type Principal } from '@haki/platform-access';
import { REFERRALS } from '../../intake.tokens';
import { referralForCaller } from '../referral-access';
import type { ReferralDocument } from '../referral.model';
import { referralView, type ReferralView } from '../referral-view';

@Controller('referrals')
export class GetReferralController {
  constructor(@Inject(REFERRALS) private readonly referrals: Model<ReferralDocument>) {}

  /** The referral as intake decided it: status, place used, clocks and rule, consent, possible duplicates. No sealed field. */
  @Get(':referralId')
  @Allow(...ROLE_GROUPS.referralTakers)
  async get(@Param('referralId') referralId: string, @CurrentPrincipal() caller: Principal): Promise<ReferralView> {
    return referralView(await referralForCaller(this.referrals, referralId, caller), caller);
  }
}
