import type { TimelineEntryDocument } from '../case.model';

export type CaseStatus = 'matching' | 'offered' | 'escalated';

export interface CaseView {
  caseId: string;
  status: CaseStatus;
  serviceType?: string;
  urgency?: string;
  county?: string;
  timeline: { at: string; type: string; summary: string }[];
}

const STATUS_AFTER: Record<string, CaseStatus> = {
  'referral.submitted': 'matching',
  'assignment.offered': 'offered',
  'referral.escalated': 'escalated',
};

/** Timeline in time order (events arrive from several topics); status from the latest state change. */
export function toCaseView(caseId: string, entries: TimelineEntryDocument[]): CaseView {
  const timeline = [...entries].sort(
    (a, b) => new Date(a.occurredAt).getTime() - new Date(b.occurredAt).getTime() || a._id.localeCompare(b._id),
  );
  const status = timeline.reduce<CaseStatus>((current, entry) => STATUS_AFTER[entry.type] ?? current, 'matching');
  const facts = Object.assign({}, ...timeline.map((entry) => entry.facts ?? {})) as TimelineEntryDocument['facts'] & object;
  return {
    caseId,
    status,
    ...(facts.serviceType ? { serviceType: facts.serviceType } : {}),
    ...(facts.urgency ? { urgency: facts.urgency } : {}),
    ...(facts.countyName ? { county: facts.countyName } : {}),
    timeline: timeline.map((e) => ({ at: new Date(e.occurredAt).toISOString(), type: e.type, summary: e.summary })),
  };
}
