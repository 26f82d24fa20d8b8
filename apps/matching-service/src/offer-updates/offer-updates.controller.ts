import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { Allow, CurrentPrincipal, ROLE_GROUPS, type Principal } from '@haki/platform-access';
import { CompleteAssignment } from './complete-assignment.use-case';
import { ReportProgress } from './report-progress.use-case';
import { RespondToOffer, type RecordedResponse } from './respond-to-offer.use-case';
import { ZodBody } from '@haki/platform-runtime';
import { responseRequest } from './respond-to-offer.use-case';
import { opsNoteRequest } from '../ops-request';

/**
 * What ops record about an offer on a volunteer's behalf (a phone call), or the volunteer records
 * signed in, on their own offers only. Each answers 202: the update is applied in order by the
 * referral's consumer; GET the case to see the outcome. 409 when the offer is not in a state the
 * update applies to, with that state.
 */
@Controller('offers')
@Allow(...ROLE_GROUPS.coordinators, 'professional')
export class OfferUpdatesController {
  constructor(
    private readonly respondToOffer: RespondToOffer,
    private readonly reportProgress: ReportProgress,
    private readonly completeAssignment: CompleteAssignment,
  ) {}

  @ZodBody(responseRequest)
  @Post(':offerId/responses')
  @HttpCode(202)
  respond(@Param('offerId') offerId: string, @Body() body: unknown, @CurrentPrincipal() caller: Principal): Promise<RecordedResponse> {
    return this.respondToOffer.execute(offerId, body, caller);
  }

  @ZodBody(opsNoteRequest)
  @Post(':offerId/progress')
  @HttpCode(202)
  progress(@Param('offerId') offerId: string, @Body() body: unknown, @CurrentPrincipal() caller: Principal) {
    return this.reportProgress.execute(offerId, body, caller);
  }

  /** The work is done: the volunteer's capacity is freed and they are thanked. */
  @ZodBody(opsNoteRequest)
  @Post(':offerId/completion')
  @HttpCode(202)
  complete(@Param('offerId') offerId: string, @Body() body: unknown, @CurrentPrincipal() caller: Principal) {
    return this.completeAssignment.execute(offerId, body, caller);
  }
}
