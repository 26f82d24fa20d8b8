import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { HakiError, type CaseStatusChangedV1 } from '@haki/contracts';
import type { Principal } from '@haki/platform-access';
import { Sealer } from '@haki/platform-config';
import { CASE_OUTCOMES, CASE_STATUSES } from '../case-list/case-summary';
import { isCoordinator, requireWorker } from '../case-access';
import type { CaseState } from '../case-state/case-state';
import { checkStep, WORK_STEPS, type StepRequest } from '../case-state/lifecycle';
import { CaseWorkRecorder, type WorkStep } from './case-work-recorder';

export const statusChangeRequest = z
  .strictObject({
    to: z.enum(CASE_STATUSES.filter((status) => status !== 'submitted' && status !== 'matching' && status !== 'assigned')),
    outcome: z.enum(CASE_OUTCOMES).optional(),
    /** Why the case closes with protocol items open (a family that refused the autopsy's photographs, say). */
    missingItemsReason: z.string().trim().min(3).max(500).optional(),
  })
  .refine((request) => request.to !== 'closed' || request.outcome, { path: ['outcome'], message: 'closing a case needs its outcome' })
  .refine((request) => request.to === 'closed' || !request.outcome, { path: ['outcome'], message: 'only a closing step has an outcome' })
  .refine((request) => request.to === 'closed' || !request.missingItemsReason, {
    path: ['missingItemsReason'],
    message: 'only a closing step leaves protocol items open',
  });

const words = (term: string) => term.replaceAll('-', ' ');

/**
 * Moves a case on: work started (on site, examination begun), report in preparation, report delivered,
 * closed with an outcome. Matching hears of work starting (the assignments become active) and of the
 * closure (the volunteers' capacity is freed, any search still running ends).
 */
@Injectable()
export class ChangeCaseStatus {
  constructor(
    private readonly recorder: CaseWorkRecorder,
    private readonly sealer: Sealer,
  ) {}

  async execute(caseId: string, body: unknown, caller: Principal): Promise<CaseState> {
    const parsed = statusChangeRequest.safeParse(body);
    if (!parsed.success) throw HakiError.fromZod('CASE.INVALID_REQUEST', parsed.error);
    const request: StepRequest = parsed.data;
    const { state } = await this.recorder.read(caseId);
    requireWorker(caller, state);
    const last = state.lastStatusStep?.work;
    if (state.status === request.to && last?.kind === 'status' && last.to === request.to) {
      // Who may take the step may repeat it; a volunteer repeating a closure is refused as the closure would be.
      if (!isCoordinator(caller) && !WORK_STEPS.includes(request.to)) {
        throw new HakiError('CASE.NOT_YOURS', `a volunteer records the work (${WORK_STEPS.join(', ')}); ops close the case`);
      }
      if (request.to !== 'closed' || state.outcome === request.outcome) return this.repeated(caseId, state);
    }
    return this.recorder.record(caseId, caller, (current) => this.step(current, request, caller));
  }

  private step(state: CaseState, request: StepRequest, caller: Principal): WorkStep {
    requireWorker(caller, state);
    checkStep({ status: state.status, missingItems: state.checklist?.missing ?? [], coordinator: isCoordinator(caller) }, request);
    const outcome = request.outcome ? `: ${words(request.outcome)}` : '';
    const missing = request.missingItemsReason ? ' (protocol items left open, reason recorded)' : '';
    return {
      work: {
        kind: 'status',
        to: request.to,
        ...(request.outcome ? { outcome: request.outcome } : {}),
        // It may name the family or what the police did: sealed like a note.
        ...(request.missingItemsReason ? { missingItemsReason: this.sealer.seal(request.missingItemsReason, state.caseId) } : {}),
      },
      summary: `Case ${words(state.status)} → ${words(request.to)}${outcome}${missing}`,
      // Matching acts on work starting and on closure; the report's stages are the case's own.
      ...(request.to === 'in-progress' || request.to === 'closed'
        ? {
            statusChanged: {
              caseId: state.caseId,
              referralId: state.caseId,
              status: request.to,
              previousStatus: state.status,
              ...(request.outcome ? { outcome: request.outcome } : {}),
              assignments: state.assignments as CaseStatusChangedV1['assignments'],
              recordedBy: caller.subject,
              changedAt: new Date().toISOString(),
            },
          }
        : {}),
    };
  }

  /**
   * The same step again (a retry after a lost answer): nothing new is recorded, but the event of the
   * step that got the case here is enqueued again under its own id, in case the first attempt stopped
   * before it was.
   */
  private async repeated(caseId: string, state: CaseState): Promise<CaseState> {
    const last = state.lastStatusStep;
    if (last?.announced) await this.recorder.announce(caseId, last.eventId, last.announced);
    return state;
  }
}
