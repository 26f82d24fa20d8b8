import { Controller, Get, Query } from '@nestjs/common';
import { HakiError } from '@haki/contracts';
import { Allow, CurrentPrincipal, hasAnyRole, ROLE_GROUPS, type Principal } from '@haki/platform-access';
import { ZodQuery } from '@haki/platform-runtime';
import { FULL_READERS } from '../case-access';
import { CaseSummaries } from '../case-list/case-summaries';
import { caseListQuery, listCases, parseCaseListQuery, type CaseList } from '../case-list/case-list-query';
import { offersFor, type OfferForVolunteer } from '../case-list/offers-for-volunteer';
import { outcomeReport, outcomeReportQuery, type OutcomeReport } from './outcome-report';

/**
 * The case list for ops and staff, filtered, sorted and paged from memory (CaseSummaries), with counts
 * per status and county for dashboards. Intake staff list their own organisation's cases; a volunteer
 * lists the cases they are assigned to.
 */
@Controller('cases')
export class ListCasesController {
  constructor(private readonly summaries: CaseSummaries) {}

  @Get()
  @ZodQuery(caseListQuery)
  @Allow(...ROLE_GROUPS.caseReaders, 'professional')
  async list(@Query() query: unknown, @CurrentPrincipal() caller: Principal): Promise<CaseList> {
    const parsed = parseCaseListQuery(query);
    if (hasAnyRole(caller, FULL_READERS)) return listCases(await this.summaries.current(), parsed, new Date());
    // Narrowed, never widened: an intake caller's own organisation, a volunteer's own cases.
    if (hasAnyRole(caller, ['intake'])) {
      if (!caller.organisationId) throw new HakiError('ACCESS.FORBIDDEN', 'this intake account belongs to no organisation');
      parsed.organisationId = caller.organisationId;
      const list = listCases(await this.summaries.current(), parsed, new Date());
      // Intake staff learn where their cases stand, not who works them or was offered them (as GET /cases/:id).
      return { ...list, cases: list.cases.map((row) => ({ ...row, professionalIds: [], openOffers: [] })) };
    }
    if (!caller.professionalId) throw new HakiError('ACCESS.FORBIDDEN', 'this account stands for no volunteer');
    parsed.professionalId = caller.professionalId;
    const list = listCases(await this.summaries.current(), parsed, new Date());
    // A volunteer's own cases, without who else was offered a role on them.
    return { ...list, cases: list.cases.map((row) => ({ ...row, openOffers: [] })) };
  }

  /**
   * A volunteer's offers still waiting on their answer, newest case first: what the offer SMS said
   * (service, urgency, county), and the offer id to answer with (POST /api/matching/offers/:id/responses).
   */
  @Get('offered-to-me')
  @Allow('professional')
  async offeredToMe(@CurrentPrincipal() caller: Principal): Promise<{ offers: OfferForVolunteer[] }> {
    if (!caller.professionalId) throw new HakiError('ACCESS.FORBIDDEN', 'this account stands for no volunteer');
    return { offers: offersFor(caller.professionalId, await this.summaries.current()) };
  }

  /** Anonymised outcomes for reports: counts by county, service type and outcome, and time to site. No case ids. */
  @Get('outcomes')
  @ZodQuery(outcomeReportQuery)
  @Allow(...FULL_READERS)
  async outcomes(@Query() query: unknown): Promise<OutcomeReport> {
    return outcomeReport(await this.summaries.current(), query);
  }
}
