import { HakiError } from '@haki/contracts';
import { CASE_STATUSES, type CaseOutcome, type CaseStatus } from '../case-list/case-summary';

/**
 * The case's lifecycle: submitted → matching → assigned (team complete) → in progress (on site,
 * examination started) → report in preparation → report delivered → closed with an outcome. Matching's
 * events move a case up to assigned (and to in progress when a volunteer reports progress); people move
 * it on from there. Any open case may be closed (a survivor who cannot be reached, a withdrawal), but
 * "report delivered" is an outcome only once the report is.
 */
export const NEXT_STEPS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  submitted: ['closed'],
  matching: ['closed'],
  assigned: ['in-progress', 'closed'],
  'in-progress': ['report-in-preparation', 'closed'],
  'report-in-preparation': ['report-delivered', 'closed'],
  'report-delivered': ['closed'],
  closed: [],
};

/** Steps of the work itself, which the volunteer doing it may record; closing is for coordinators. */
export const WORK_STEPS: readonly CaseStatus[] = ['in-progress', 'report-in-preparation', 'report-delivered'];

export const OUTCOMES_AFTER_REPORT: readonly CaseOutcome[] = ['report-delivered-to-family', 'report-delivered-to-court'];

/** The further along of two statuses (events and people both move a case; neither moves it back). */
export const furthest = (a: CaseStatus, b: CaseStatus): CaseStatus => (CASE_STATUSES.indexOf(a) >= CASE_STATUSES.indexOf(b) ? a : b);

export interface StepRequest {
  to: CaseStatus;
  outcome?: CaseOutcome;
  missingItemsReason?: string;
}

export interface StepContext {
  status: CaseStatus;
  /** The protocol checklist items nobody has recorded. */
  missingItems: readonly string[];
  /** A coordinator (ops, supervisor) may take any step; otherwise the caller is the case's assigned volunteer. */
  coordinator: boolean;
}

/** Throws the error a step that may not be taken now deserves: 409 naming the current state, 403 for a volunteer closing. */
export function checkStep(context: StepContext, request: StepRequest): void {
  const allowed = NEXT_STEPS[context.status];
  if (!allowed.includes(request.to)) {
    const options = allowed.length ? `it can go to ${allowed.join(' or ')}` : 'a closed case does not change';
    throw new HakiError('CASE.TRANSITION_NOT_ALLOWED', `the case is ${context.status}: ${options}, not ${request.to}`);
  }
  if (!context.coordinator && !WORK_STEPS.includes(request.to)) {
    throw new HakiError('CASE.NOT_YOURS', `a volunteer records the work (${WORK_STEPS.join(', ')}); ops close the case`);
  }
  if (request.to !== 'closed') return;
  if (!request.outcome) {
    const reason = 'closing a case needs its outcome';
    throw new HakiError('CASE.INVALID_REQUEST', `outcome: ${reason}`, { fields: [{ field: 'outcome', reason }] });
  }
  if (OUTCOMES_AFTER_REPORT.includes(request.outcome) && context.status !== 'report-delivered') {
    throw new HakiError(
      'CASE.TRANSITION_NOT_ALLOWED',
      `the case is ${context.status}: the outcome ${request.outcome} needs the report delivered first (report-delivered)`,
    );
  }
  if (context.missingItems.length && !request.missingItemsReason) {
    throw new HakiError(
      'CASE.CHECKLIST_INCOMPLETE',
      `protocol items still open: ${context.missingItems.join(', ')}; say why in missingItemsReason to close anyway`,
    );
  }
}
