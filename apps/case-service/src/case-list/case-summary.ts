/**
 * One row of the case list: what ops and staff filter, sort and count cases by. Derived from the
 * case's timeline after every change (case-state.ts) and stored by case id; no names, no places
 * finer than the county.
 */
export { CASE_OUTCOMES, CASE_STATUSES, type CaseOutcome, type CaseStatus } from '@haki/vocabulary';
import type { CaseOutcome, CaseStatus } from '@haki/vocabulary';

/** The clocks a case is held to, in the order they run. */
export const SLA_MILESTONES = ['first-offer', 'acceptance', 'on-site', 'report'] as const;
export type SlaMilestone = (typeof SLA_MILESTONES)[number];

/** on-track: nothing due soon; at-risk: a clock is inside its warning window; breached: a clock ran out (met late or still open). */
export const SLA_STATES = ['on-track', 'at-risk', 'breached'] as const;
export type SlaState = (typeof SLA_STATES)[number];

export interface SlaClock {
  milestone: SlaMilestone;
  /** ISO instant the milestone is due. */
  dueAt: string;
  /** ISO instant from which the clock counts as at risk (dueAt minus its warning window). */
  atRiskFrom: string;
  /** ISO instant it was met; absent while open. */
  metAt?: string;
}

export interface OpenOffer {
  offerId: string;
  role: string;
  professionalId: string;
  /** Accepted: the volunteer answered yes and matching has not confirmed it yet. */
  status: 'offered' | 'reminded' | 'accepted';
}

export interface CaseSummary {
  caseId: string;
  status: CaseStatus;
  outcome?: CaseOutcome;
  serviceType?: string;
  urgency?: string;
  county?: string;
  /** The organisation whose intake staff submitted it (intake callers list only their own). */
  organisationId?: string;
  /** Professionals on its team: holding a confirmed or active assignment, or having completed one. */
  professionalIds: string[];
  /**
   * Offers waiting on a volunteer's answer (offered, reminded, or accepted and not yet confirmed): the
   * volunteer's "my offers" in the web app. Rows stored before it was kept lack it.
   */
  openOffers?: OpenOffer[];
  /** Required roles nobody holds yet. */
  unfilledRoles: string[];
  /** Escalated to ops and not yet filled. */
  escalated: boolean;
  /** ISO instant since when a role has waited with ops (set while `escalated`; rows stored before it was kept lack it). */
  escalatedAt?: string;
  /** Protocol checklist items still open (0 for service types without a checklist). */
  missingChecklistItems: number;
  /** ISO instants: when the referral was received, when anything about the case last changed. */
  receivedAt: string;
  updatedAt: string;
  closedAt?: string;
  /** The clocks of milestones that apply to it (a closed case keeps the ones it met). */
  sla: SlaClock[];
  /** Timeline entries the summary was derived from: a newer derivation has more. */
  entries: number;
}
