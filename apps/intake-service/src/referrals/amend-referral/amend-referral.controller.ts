import { Body, Controller, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { Allow, CurrentPrincipal, ROLE_GROUPS, type Principal } from '@haki/platform-access';
import { WithdrawReferralAtIntake, withdrawalRequest } from '../withdraw-referral/withdraw-referral.use-case';
import { AmendReferral } from './amend-referral.use-case';
import { ZodBody } from '@haki/platform-runtime';
import { referralRequest } from '../referral-request/referral-request';

@Controller('referrals')
@Allow(...ROLE_GROUPS.referralTakers)
export class AmendReferralController {
  constructor(
    private readonly amendReferral: AmendReferral,
    private readonly withdrawReferral: WithdrawReferralAtIntake,
  ) {}

  /** The fields to correct (`null` removes one); answers the referral as it is now and which parts changed. */
  @ZodBody(referralRequest, 'Only the fields to change (null removes one); the merged referral must satisfy this schema.')
  @Patch(':referralId')
  amend(@Param('referralId') referralId: string, @Body() body: unknown, @CurrentPrincipal() caller: Principal) {
    return this.amendReferral.execute(referralId, body, caller);
  }

  /** `{ reason }`: an announced referral's offers and assignments are cancelled by matching, their slots freed. */
  @ZodBody(withdrawalRequest)
  @Post(':referralId/withdrawal')
  @HttpCode(200)
  withdraw(@Param('referralId') referralId: string, @Body() body: unknown, @CurrentPrincipal() caller: Principal) {
    return this.withdrawReferral.execute(referralId, body, caller);
  }
}
