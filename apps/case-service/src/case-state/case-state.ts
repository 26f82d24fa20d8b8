import type { SealedValue } from '@haki/platform-config';
import { checklistFor, type ChecklistItem } from '@haki/vocabulary';
import type { CaseSummary, CaseOutcome, CaseStatus, OpenOffer, SlaClock } from '../case-list/case-summary';
import type { CaseEntry, CaseFacts, CaseWork, CustodyAction, WorkAuthor } from '../case.model';
import { toCaseView, type CaseView } from '../get-case/case-view';
import { furthest } from './lifecycle';
import { slaClocks, type Milestones } from './sla-clocks';

export interface ChecklistItemState extends ChecklistItem {
  state?: 'done' | 'not-applicable';
  value?: string;
  note?: SealedValue;
  by?: WorkAuthor;
  at?: string;
}

export interface ChecklistState {
  protocol: string;
  items: ChecklistItemState[];
  /** Ids of the items nobody has recorded yet. */
  missing: string[];
}

export interface CustodyRecord {
  action: CustodyAction | 'received';
  at: string;
  by: WorkAuthor;
  /** Sealed: who received it or the copy. */
  to?: SealedValue;
  intact?: boolean;
  problem?: string;
}

export interface EvidenceState {
  evidenceId: string;
  evidenceType: string;
  description?: SealedValue;
  registeredAt: string;
  registeredBy: WorkAuthor;
  /** The file as received: its SHA-256 (of the content, before encryption), size and media type. */
  file?: { sha256: string; size: number; mediaType: string; keyId: string };
  /** Received, then every view, copy, hand-over and verification, in order: append-only. */
  custody: CustodyRecord[];
}

export interface NoteState {
  at: string;
  by: WorkAuthor;
  note: SealedValue;
}

export interface Assignment {
  offerId: string;
  role: string;
  professionalId: string;
}

/** Everything known about a case, folded from its timeline: the single source for its view, its list row and its checks. */
export interface CaseState {
  caseId: string;
  status: CaseStatus;
  outcome?: CaseOutcome;
  /** Sealed: why the case closed with protocol items open (it may name the family). */
  missingItemsReason?: SealedValue;
  facts: CaseFacts;
  view: CaseView;
  milestones: Milestones;
  sla: SlaClock[];
  checklist?: ChecklistState;
  evidence: EvidenceState[];
  notes: NoteState[];
  /** Who holds a confirmed or active assignment now. */
  assignments: Assignment[];
  /** Every volunteer who held a role on the case and was not replaced: they keep reading it once it is closed. */
  team: string[];
  /** The latest status step people recorded, with the event it published. */
  lastStatusStep?: CaseEntry;
  /** How many timeline entries this was folded from (the next free slot). */
  entries: number;
  updatedAt: string;
  /** Since when a role has been with ops unfilled: the oldest of its roles' latest escalations (none escalated: absent). */
  escalatedAt?: number;
}

const ms = (at: Date | string) => new Date(at).getTime();
const iso = (at: Date | string) => new Date(at).toISOString();
const firstAt = <E extends CaseEntry>(entries: E[], match: (entry: E) => boolean): number | undefined => {
  const times = entries.filter(match).map((entry) => ms(entry.occurredAt));
  return times.length ? Math.min(...times) : undefined;
};

/** A referral withdrawn at intake or by ops closes its case, unless people closed it first. */
const WITHDRAWALS = new Set(['referral.withdrawn', 'referral.withdrawal-requested']);

/** How far matching's events alone have taken the case (a withdrawal is folded in order with people's steps). */
function statusFromEvents(view: CaseView, entries: CaseEntry[]): CaseStatus {
  if (entries.some((entry) => entry.type === 'assignment.progress-reported')) return 'in-progress';
  if (view.matchingStatus === 'assigned' || view.matchingStatus === 'completed') return 'assigned';
  const started = entries.some((entry) => entry.type === 'assignment.offered' || entry.type === 'referral.escalated');
  return started || view.matchingStatus !== 'matching' ? 'matching' : 'submitted';
}

/** Folds a case's timeline (slot order) into its state. */
export function foldCase(caseId: string, entries: CaseEntry[]): CaseState {
  const view = toCaseView(caseId, entries);
  const facts = Object.assign({}, ...entries.map((entry) => entry.facts ?? {})) as CaseFacts;
  const work = entries.filter((entry): entry is CaseEntry & { work: CaseWork; by: WorkAuthor } => !!entry.work && !!entry.by);

  let status = statusFromEvents(view, entries);
  let outcome: CaseOutcome | undefined;
  let missingItemsReason: SealedValue | undefined;
  let closedAt: number | undefined;
  // In slot order: the first closure, a person's or a withdrawal's, is the case's; nothing after it moves it.
  for (const entry of entries) {
    if (status === 'closed') break;
    if (WITHDRAWALS.has(entry.type)) {
      [status, outcome, closedAt] = ['closed', 'withdrawn', ms(entry.occurredAt)];
      continue;
    }
    if (entry.work?.kind !== 'status') continue;
    status = furthest(status, entry.work.to);
    if (entry.work.to === 'closed') {
      outcome = entry.work.outcome;
      missingItemsReason = entry.work.missingItemsReason;
      closedAt = ms(entry.occurredAt);
    }
  }

  const statusReached = (to: CaseStatus) => firstAt(work, (entry) => entry.work.kind === 'status' && entry.work.to === to);
  const received = entries.find((entry) => entry.type === 'referral.submitted');
  const onSite = [firstAt(entries, (e) => e.type === 'assignment.progress-reported'), statusReached('in-progress')].filter(
    (at): at is number => at !== undefined,
  );
  const milestones: Milestones = {
    receivedAt: facts.submittedAt ? ms(facts.submittedAt) : ms((received ?? entries[0]!).occurredAt),
    ...(facts.deadline ? { deadline: ms(facts.deadline) } : {}),
    firstOfferAt: firstAt(entries, (e) => e.type === 'assignment.offered'),
    acceptedAt: firstAt(entries, (e) => e.type === 'assignment.confirmed'),
    ...(onSite.length ? { onSiteAt: Math.min(...onSite) } : {}),
    reportAt: statusReached('report-delivered'),
    ...(closedAt !== undefined ? { closedAt } : {}),
  };

  const escalatedSince = view.roles.filter((role) => role.status === 'escalated').flatMap((role) => withOpsSince(entries, role.role));

  const assignments = view.roles.flatMap((role) =>
    role.offers
      .filter((offer) => (offer.status === 'confirmed' || offer.status === 'in-progress') && offer.professionalId)
      .map((offer) => ({ offerId: offer.offerId, role: role.role, professionalId: offer.professionalId! })),
  );

  return {
    caseId,
    status,
    ...(outcome ? { outcome } : {}),
    ...(missingItemsReason ? { missingItemsReason } : {}),
    facts,
    view,
    milestones,
    sla: slaClocks(facts.urgency, facts.serviceType, milestones),
    ...(status !== 'closed' && escalatedSince.length ? { escalatedAt: Math.min(...escalatedSince) } : {}),
    ...checklistOf(facts.serviceType, work),
    evidence: evidenceOf(work),
    notes: work.flatMap(({ work: step, by, occurredAt }) => (step.kind === 'note' ? [{ at: iso(occurredAt), by, note: step.note }] : [])),
    assignments: status === 'closed' ? [] : assignments,
    team: [
      ...new Set(
        view.roles.flatMap((role) =>
          role.offers
            .filter((offer) => ['confirmed', 'in-progress', 'completed'].includes(offer.status))
            .map((offer) => offer.professionalId!),
        ),
      ),
    ].filter(Boolean),
    ...lastOf(work.filter((entry) => entry.work.kind === 'status')),
    entries: entries.length,
    updatedAt: new Date(entries.reduce((latest, entry) => Math.max(latest, ms(entry.occurredAt)), 0)).toISOString(),
  };
}

const lastOf = (steps: CaseEntry[]): { lastStatusStep?: CaseEntry } => (steps.length ? { lastStatusStep: steps[steps.length - 1]! } : {});

/** The protocol checklist with what was recorded against each item (the latest record of an item wins). */
function checklistOf(
  serviceType: string | undefined,
  work: (CaseEntry & { work: CaseWork; by: WorkAuthor })[],
): { checklist?: ChecklistState } {
  const protocol = checklistFor(serviceType);
  if (!protocol) return {};
  const items: ChecklistItemState[] = protocol.items.map((item) => ({ ...item }));
  for (const { work: step, by, occurredAt } of work) {
    if (step.kind !== 'checklist') continue;
    const item = items.find((candidate) => candidate.id === step.item);
    if (!item) continue;
    Object.assign(item, { state: step.state, by, at: iso(occurredAt) });
    for (const field of ['value', 'note'] as const) {
      if (step[field] === undefined) delete item[field];
      else Object.assign(item, { [field]: step[field] });
    }
  }
  return { checklist: { protocol: protocol.protocol, items, missing: items.filter((item) => !item.state).map((item) => item.id) } };
}

function evidenceOf(work: (CaseEntry & { work: CaseWork; by: WorkAuthor })[]): EvidenceState[] {
  const records = new Map<string, EvidenceState>();
  for (const { work: step, by, occurredAt } of work) {
    const at = iso(occurredAt);
    if (step.kind === 'evidence-registered') {
      records.set(step.evidenceId, {
        evidenceId: step.evidenceId,
        evidenceType: step.evidenceType,
        ...(step.description ? { description: step.description } : {}),
        registeredAt: at,
        registeredBy: by,
        custody: [],
      });
      continue;
    }
    if (step.kind !== 'evidence-received' && step.kind !== 'custody') continue;
    const record = records.get(step.evidenceId);
    if (!record) continue;
    if (step.kind === 'evidence-received') {
      record.file = { sha256: step.sha256, size: step.size, mediaType: step.mediaType, keyId: step.keyId };
      record.custody.push({ action: 'received', at, by });
    } else {
      const { action, to, intact, problem } = step;
      record.custody.push({
        action,
        at,
        by,
        ...(to ? { to } : {}),
        ...(intact !== undefined ? { intact } : {}),
        ...(problem ? { problem } : {}),
      });
    }
  }
  return [...records.values()];
}

/**
 * Since when a role has been with ops: its latest hand-over (or the whole referral's, a role-less
 * escalation after a dead letter), unless matching offered or confirmed the role after it, in which
 * case it is not with ops now (a volunteer ops found was released and matching is offering again).
 */
function withOpsSince(entries: CaseEntry[], role: string): number[] {
  let escalatedAt = -Infinity;
  let offeredAt = -Infinity;
  for (const entry of entries) {
    const at = ms(entry.occurredAt);
    if (entry.type === 'referral.escalated' && (!entry.escalatedRole || entry.escalatedRole === role))
      escalatedAt = Math.max(escalatedAt, at);
    if ((entry.type === 'assignment.offered' || entry.type === 'assignment.confirmed') && entry.offer?.role === role)
      offeredAt = Math.max(offeredAt, at);
    if (entry.type === 'assignment.reoffer-requested' && entry.reofferedRole === role) offeredAt = Math.max(offeredAt, at);
  }
  return escalatedAt > offeredAt ? [escalatedAt] : [];
}

/** The case's row in the case list. */
export function summarise(state: CaseState): CaseSummary {
  const { facts, view } = state;
  return {
    caseId: state.caseId,
    status: state.status,
    ...(state.outcome ? { outcome: state.outcome } : {}),
    ...(facts.serviceType ? { serviceType: facts.serviceType } : {}),
    ...(facts.urgency ? { urgency: facts.urgency } : {}),
    ...(facts.countyName ? { county: facts.countyName } : {}),
    ...(facts.organisationId ? { organisationId: facts.organisationId } : {}),
    professionalIds: state.team,
    openOffers: state.status === 'closed' ? [] : openOffersOf(view),
    unfilledRoles:
      state.status === 'closed'
        ? []
        : view.roles.filter((role) => role.required && role.status !== 'confirmed' && role.status !== 'completed').map((role) => role.role),
    escalated: state.status !== 'closed' && view.roles.some((role) => role.status === 'escalated'),
    ...(state.escalatedAt !== undefined ? { escalatedAt: new Date(state.escalatedAt).toISOString() } : {}),
    missingChecklistItems: state.checklist?.missing.length ?? 0,
    receivedAt: new Date(state.milestones.receivedAt).toISOString(),
    updatedAt: state.updatedAt,
    ...(state.milestones.closedAt !== undefined ? { closedAt: new Date(state.milestones.closedAt).toISOString() } : {}),
    sla: state.sla,
    entries: state.entries,
  };
}

const AWAITING_ANSWER = new Set(['offered', 'reminded', 'accepted']);

/** Offers still waiting on their volunteer (or, once accepted, on matching's confirmation). */
function openOffersOf(view: CaseState['view']): OpenOffer[] {
  return view.roles.flatMap(({ role, offers }) =>
    offers.flatMap(({ offerId, professionalId, status }) =>
      professionalId && AWAITING_ANSWER.has(status) ? [{ offerId, role, professionalId, status: status as OpenOffer['status'] }] : [],
    ),
  );
}
