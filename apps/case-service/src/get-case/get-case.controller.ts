import { Controller, Get, Param } from '@nestjs/common';
import { HakiError } from '@haki/contracts';
import { Allow, CurrentPrincipal, hasAnyRole, ROLE_GROUPS, type Principal } from '@haki/platform-access';
import { CaseTimelineStore } from '../case-timeline-store';
import { intakeView, submittingOrganisation, toCaseView, type CaseView, type IntakeCaseView } from './case-view';

/** Roles that read every case in full; intake reads its own organisation's cases, and less of them. */
const FULL_READERS = ROLE_GROUPS.caseReaders.filter((role) => role !== 'intake');

@Controller('cases')
export class GetCaseController {
  constructor(private readonly timeline: CaseTimelineStore) {}

  @Get(':id')
  @Allow(...ROLE_GROUPS.caseReaders)
  async get(@Param('id') id: string, @CurrentPrincipal() caller: Principal): Promise<CaseView | IntakeCaseView> {
    const entries = await this.timeline.read(id);
    const full = hasAnyRole(caller, FULL_READERS);
    // Another organisation's case answers as a missing one: its existence is not theirs to learn.
    if (!entries.length || (!full && (!caller.organisationId || submittingOrganisation(entries) !== caller.organisationId))) {
      throw new HakiError('CASE.NOT_FOUND', `no case ${id} (yet: a new referral takes a moment to arrive)`);
    }
    const view = toCaseView(id, entries);
    return full ? view : intakeView(view);
  }
}
