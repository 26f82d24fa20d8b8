import { Controller, Get } from '@nestjs/common';
import { Allow, ROLE_GROUPS } from '@haki/platform-access';
import { RosterSnapshot } from '../roster/roster-snapshot';
import { coverageOf, type Coverage } from './coverage';

/** `GET /coverage`: who can reach each county within each urgency's target, from the live roster (coverage.ts). */
@Controller('coverage')
export class CoverageController {
  constructor(private readonly roster: RosterSnapshot) {}

  @Get()
  @Allow(...ROLE_GROUPS.rosterReaders)
  async get(): Promise<Coverage> {
    const { professionals, openCases } = await this.roster.all();
    return coverageOf(professionals, openCases, Date.now());
  }
}
