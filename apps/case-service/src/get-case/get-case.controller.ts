import { Controller, Get, Inject, Param } from '@nestjs/common';
import { HakiError } from '@haki/contracts';
import type { CaseTimeline } from '../case.model';
import { CASE_TIMELINE } from '../case.tokens';
import { toCaseView, type CaseView } from './case-view';

@Controller('cases')
export class GetCaseController {
  constructor(@Inject(CASE_TIMELINE) private readonly timeline: CaseTimeline) {}

  @Get(':id')
  async get(@Param('id') id: string): Promise<CaseView> {
    const entries = await this.timeline.find({ caseId: id }).lean();
    if (!entries.length) throw new HakiError('CASE.NOT_FOUND', `no case ${id} (yet: a new referral takes a moment to arrive)`);
    return toCaseView(id, entries);
  }
}
