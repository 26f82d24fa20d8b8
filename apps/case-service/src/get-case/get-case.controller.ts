import { Controller, Get, Param } from '@nestjs/common';
import { HakiError } from '@haki/contracts';
import { CaseTimelineStore } from '../case-timeline-store';
import { toCaseView, type CaseView } from './case-view';

@Controller('cases')
export class GetCaseController {
  constructor(private readonly timeline: CaseTimelineStore) {}

  @Get(':id')
  async get(@Param('id') id: string): Promise<CaseView> {
    const entries = await this.timeline.read(id);
    if (!entries.length) throw new HakiError('CASE.NOT_FOUND', `no case ${id} (yet: a new referral takes a moment to arrive)`);
    return toCaseView(id, entries);
  }
}
