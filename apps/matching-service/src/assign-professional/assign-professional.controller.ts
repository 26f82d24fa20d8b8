import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Allow, CurrentPrincipal, ROLE_GROUPS, type Principal } from '@haki/platform-access';
import { recordedByCaller } from '../ops-request';
import { AssignProfessional } from './assign-professional.use-case';
import { ZodBody } from '@haki/platform-runtime';
import { assignmentRequest } from './assign-professional.use-case';
import { ReofferRole, reofferRequest } from './reoffer-role.use-case';

@Controller('referrals')
@Allow(...ROLE_GROUPS.coordinators)
export class AssignProfessionalController {
  constructor(
    private readonly assignProfessional: AssignProfessional,
    private readonly reofferRole: ReofferRole,
  ) {}

  /** 202: recorded, applied in order by the referral's consumer; GET the case for the outcome. */
  @ZodBody(assignmentRequest)
  @Post(':referralId/assignments')
  @HttpCode(202)
  assign(@Param('referralId') referralId: string, @Body() body: unknown, @CurrentPrincipal() caller: Principal) {
    return this.assignProfessional.execute(referralId, recordedByCaller(body, caller));
  }

  /** 202: a role left to ops is offered again (`{"role": "advocate"}`); 409 when the role is not left to ops. */
  @ZodBody(reofferRequest)
  @Post(':referralId/reoffers')
  @HttpCode(202)
  reoffer(@Param('referralId') referralId: string, @Body() body: unknown, @CurrentPrincipal() caller: Principal) {
    return this.reofferRole.execute(referralId, recordedByCaller(body, caller));
  }

  /** Ranked candidates for a role (`?role=advocate`), best first, each with the ranking's explanation. */
  @Get(':referralId/candidates')
  candidates(@Param('referralId') referralId: string, @Query('role') role: unknown) {
    return this.assignProfessional.candidates(referralId, role);
  }
}
