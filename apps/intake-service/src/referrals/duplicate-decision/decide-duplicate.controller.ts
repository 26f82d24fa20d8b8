import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { Allow, CurrentPrincipal, ROLE_GROUPS, type Principal } from '@haki/platform-access';
import type { ReferralView } from '../referral-view';
import { DecideDuplicate, decisionRequest } from './decide-duplicate.use-case';
import { ZodBody } from '@haki/platform-runtime';

@Controller('referrals')
export class DecideDuplicateController {
  constructor(private readonly decideDuplicate: DecideDuplicate) {}

  /** `{ decision: 'link', caseId }` or `{ decision: 'separate', reason }` for a referral held as a possible duplicate. */
  @ZodBody(decisionRequest)
  @Post(':referralId/duplicate-decision')
  @HttpCode(200)
  @Allow(...ROLE_GROUPS.referralTakers)
  decide(@Param('referralId') referralId: string, @Body() body: unknown, @CurrentPrincipal() caller: Principal): Promise<ReferralView> {
    return this.decideDuplicate.execute(referralId, body, caller);
  }
}
