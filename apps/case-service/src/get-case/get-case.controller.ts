import { Controller, Get, Param } from '@nestjs/common';
import { Allow, CurrentPrincipal, hasAnyRole, ROLE_GROUPS, type Principal } from '@haki/platform-access';
import { Sealer } from '@haki/platform-config';
import { FULL_READERS, isAssigned, notFound } from '../case-access';
import { CaseWorkRecorder } from '../case-work/case-work-recorder';
import { caseDetail, type CaseDetail, type IntakeCaseDetail } from './case-detail';

@Controller('cases')
export class GetCaseController {
  constructor(
    private readonly cases: CaseWorkRecorder,
    private readonly sealer: Sealer,
  ) {}

  @Get(':id')
  @Allow(...ROLE_GROUPS.caseReaders, 'professional')
  async get(@Param('id') id: string, @CurrentPrincipal() caller: Principal): Promise<CaseDetail | IntakeCaseDetail> {
    const { state } = await this.cases.read(id);
    // Another organisation's case, or one a volunteer is not on, answers as a missing one: its existence is not theirs to learn.
    const ownOrganisation =
      hasAnyRole(caller, ['intake']) && !!caller.organisationId && state.facts.organisationId === caller.organisationId;
    if (!hasAnyRole(caller, FULL_READERS) && !ownOrganisation && !isAssigned(caller, state)) throw notFound(id);
    return caseDetail(state, caller, this.sealer, new Date());
  }
}
