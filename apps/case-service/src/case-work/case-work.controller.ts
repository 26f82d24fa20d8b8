import { Body, Controller, Headers, HttpCode, Param, Post, Put } from '@nestjs/common';
import { Allow, CurrentPrincipal, ROLE_GROUPS, type Principal } from '@haki/platform-access';
import { Sealer } from '@haki/platform-config';
import { ZodBody } from '@haki/platform-runtime';
import { caseDetail, type CaseDetail, type IntakeCaseDetail } from '../get-case/case-detail';
import type { CaseState } from '../case-state/case-state';
import { AddCaseNote, noteRequest } from './add-note';
import { idempotencyKey } from './idempotency-key';
import { ChangeCaseStatus, statusChangeRequest } from './change-status';
import { checklistItemRequest, RecordChecklistItem } from './record-checklist-item';

/**
 * The work on a case, by ops and supervisors or the volunteer assigned to it: moving it on, the protocol
 * checklist, notes. Each answers with the case as the caller now sees it; 409 names the case's state
 * when a step does not follow from it.
 */
@Controller('cases/:id')
@Allow(...ROLE_GROUPS.coordinators, 'professional')
export class CaseWorkController {
  constructor(
    private readonly changeStatus: ChangeCaseStatus,
    private readonly recordItem: RecordChecklistItem,
    private readonly addNote: AddCaseNote,
    private readonly sealer: Sealer,
  ) {}

  @ZodBody(statusChangeRequest)
  @Post('status')
  @HttpCode(200)
  async status(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() caller: Principal) {
    return this.view(await this.changeStatus.execute(id, body, caller), caller);
  }

  @ZodBody(checklistItemRequest)
  @Put('checklist/:item')
  async checklist(
    @Param('id') id: string,
    @Param('item') item: string,
    @Body() body: unknown,
    @CurrentPrincipal() caller: Principal,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.view(await this.recordItem.execute(id, item, body, caller, idempotencyKey(key)), caller);
  }

  @ZodBody(noteRequest)
  @Post('notes')
  @HttpCode(201)
  async note(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentPrincipal() caller: Principal,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.view(await this.addNote.execute(id, body, caller, idempotencyKey(key)), caller);
  }

  private view(state: CaseState, caller: Principal): CaseDetail | IntakeCaseDetail {
    return caseDetail(state, caller, this.sealer, new Date());
  }
}
