import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { Allow, CurrentPrincipal, ROLE_GROUPS, type Principal } from '@haki/platform-access';
import { opsReasonRequest, recordedByCaller } from '../ops-request';
import { WithdrawReferral } from './withdraw-referral.use-case';
import { ZodBody } from '@haki/platform-runtime';

@Controller('referrals')
@Allow(...ROLE_GROUPS.coordinators)
export class WithdrawReferralController {
  constructor(private readonly withdrawReferral: WithdrawReferral) {}

  /** 202: recorded; applied in order by the referral's consumer. 409 when it was withdrawn already. */
  @ZodBody(opsReasonRequest)
  @Post(':referralId/withdrawal')
  @HttpCode(202)
  withdraw(@Param('referralId') referralId: string, @Body() body: unknown, @CurrentPrincipal() caller: Principal) {
    return this.withdrawReferral.execute(referralId, recordedByCaller(body, caller));
  }
}
