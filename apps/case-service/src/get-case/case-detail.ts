import { hasAnyRole, type Principal } from '@haki/platform-access';
import type { Sealer, SealedValue } from '@haki/platform-config';
import { FULL_READERS, isAssigned, isCoordinator } from '../case-access';
import { slaStateAt } from '../case-list/case-list-query';
import type { CaseOutcome, CaseStatus, SlaClock, SlaState } from '../case-list/case-summary';
import type { CaseState, ChecklistItemState, EvidenceState } from '../case-state/case-state';
import { NEXT_STEPS, WORK_STEPS } from '../case-state/lifecycle';
import { summarise } from '../case-state/case-state';
import { intakeView, type CaseView, type IntakeCaseView } from './case-view';

/** What every reader of a case sees of where it stands. */
interface Standing {
  status: CaseStatus;
  outcome?: CaseOutcome;
  closedAt?: string;
  sla: { state: SlaState; clocks: SlaClock[] };
}

/** The case as ops, supervisors, auditors and its assigned volunteer see it: the work with its notes opened. */
export type CaseDetail = (CaseView | Omit<CaseView, 'timeline'>) &
  Standing & {
    missingItemsReason?: string;
    checklist?: { protocol: string; missing: string[]; items: (Omit<ChecklistItemState, 'note'> & { note?: string })[] };
    notes: { at: string; by: string; text: string }[];
    evidence: (Omit<EvidenceState, 'description' | 'custody'> & {
      description?: string;
      custody: (Omit<EvidenceState['custody'][number], 'to'> & { to?: string })[];
    })[];
    /** The steps this caller may take now (the web app shows these as buttons). */
    nextSteps: CaseStatus[];
  };

export type IntakeCaseDetail = IntakeCaseView & Standing;

/**
 * The case for its caller. Intake staff (their own organisation's cases) see where it stands, not who
 * was offered it or the work's notes and evidence. The assigned volunteer sees the work but not the
 * timeline of offers to others. Sealed notes are opened only here, for those allowed to read them.
 */
export function caseDetail(state: CaseState, caller: Principal, sealer: Sealer, now: Date): CaseDetail | IntakeCaseDetail {
  const row = summarise(state);
  const standing: Standing = {
    status: state.status,
    ...(state.outcome ? { outcome: state.outcome } : {}),
    ...(row.closedAt ? { closedAt: row.closedAt } : {}),
    sla: { state: slaStateAt(row, now), clocks: state.sla },
  };
  const full = hasAnyRole(caller, FULL_READERS);
  if (!full && !isAssigned(caller, state)) return { ...intakeView(state.view), ...standing };
  const open = (sealed: SealedValue) => sealer.open<string>(sealed, state.caseId);
  const { timeline, ...withoutTimeline } = state.view;
  return {
    ...(full ? { ...withoutTimeline, timeline } : { ...withoutTimeline, roles: withoutOffers(state.view) }),
    ...standing,
    ...(state.missingItemsReason ? { missingItemsReason: open(state.missingItemsReason) } : {}),
    ...(state.checklist
      ? {
          checklist: {
            protocol: state.checklist.protocol,
            missing: state.checklist.missing,
            items: state.checklist.items.map(({ note, ...item }) => ({ ...item, ...(note ? { note: open(note) } : {}) })),
          },
        }
      : {}),
    notes: state.notes.map((note) => ({ at: note.at, by: note.by.subject, text: open(note.note) })),
    evidence: state.evidence.map(({ description, custody, ...record }) => ({
      ...record,
      ...(description ? { description: open(description) } : {}),
      custody: custody.map(({ to, ...entry }) => ({ ...entry, ...(to ? { to: open(to) } : {}) })),
    })),
    nextSteps: NEXT_STEPS[state.status].filter((step) => isCoordinator(caller) || (WORK_STEPS.includes(step) && isAssigned(caller, state))),
  };
}

/** The volunteer sees each role's state and who holds it, not the offers made to others or why. */
const withoutOffers = (view: CaseView) =>
  view.roles.map(({ offers, ...role }) => ({
    ...role,
    offers: offers
      .filter((offer) => offer.status === 'confirmed' || offer.status === 'in-progress')
      .map(({ explanation: _e, ...offer }) => offer),
  }));
