import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { WithdrawReferral } from './withdraw-referral.use-case';

@Controller('referrals')
export class WithdrawReferralController {
  constructor(private readonly withdrawReferral: WithdrawReferral) {}

  /** 202: recorded; applied in order by the referral's consumer. 409 when it was withdrawn already. */
  @Post(':referralId/withdrawal')
  @HttpCode(202)
  withdraw(@Param('referralId') referralId: string, @Body() body: unknown) {
    return this.withdrawReferral.execute(referralId, body);
  }
}
