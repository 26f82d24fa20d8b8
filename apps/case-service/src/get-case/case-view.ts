import type { CaseDocument } from '../case.model';

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
export function toCaseView(doc: CaseDocument): CaseView {
  const timeline = [...doc.timeline].sort((a, b) => new Date(a.occurredAt).getTime() - new Date(b.occurredAt).getTime());
  const status = timeline.reduce<CaseStatus>((current, entry) => STATUS_AFTER[entry.type] ?? current, 'matching');
  return {
    caseId: doc._id,
    status,
    ...(doc.serviceType ? { serviceType: doc.serviceType } : {}),
    ...(doc.urgency ? { urgency: doc.urgency } : {}),
    ...(doc.countyName ? { county: doc.countyName } : {}),
    timeline: timeline.map((e) => ({ at: new Date(e.occurredAt).toISOString(), type: e.type, summary: e.summary })),
  };
}
