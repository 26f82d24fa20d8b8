import { Controller, Get, Inject, Param } from '@nestjs/common';
import type { Model } from 'mongoose';
import { HakiError } from '@haki/contracts';
import { CASES, type CaseDocument } from '../case.model';
import { toCaseView, type CaseView } from './case-view';

@Controller('cases')
export class GetCaseController {
  constructor(@Inject(CASES) private readonly cases: Model<CaseDocument>) {}

  @Get(':id')
  async get(@Param('id') id: string): Promise<CaseView> {
    const found = await this.cases.findById(id).lean();
    if (!found) throw new HakiError('CASE.NOT_FOUND', `no case ${id} (yet: a new referral takes a moment to arrive)`);
    return toCaseView(found);
  }
}
