import { api } from './api';

/** A row of the case service's list (GET /api/case/cases): no names, no place finer than the county. */
export interface CaseRow {
  caseId: string;
  status: string;
  outcome?: string;
  serviceType?: string;
  urgency?: string;
  county?: string;
  unfilledRoles: string[];
  escalated: boolean;
  receivedAt: string;
  slaState?: 'on-track' | 'at-risk' | 'breached';
}

export interface CaseList {
  cases: CaseRow[];
  nextCursor?: string;
  counts: { byStatus: Record<string, number>; byCounty: Record<string, number>; total: number };
}

export interface OfferView {
  offerId: string;
  professionalId?: string;
  status: string;
  reason?: string;
  explanation?: string;
}

export interface CaseDetail {
  caseId: string;
  status: string;
  outcome?: string;
  matchingStatus: string;
  serviceType?: string;
  urgency?: string;
  county?: string;
  roles: { role: string; required: boolean; status: string; offers?: OfferView[] }[];
  timeline?: { at: string; type: string; summary: string }[];
  nextSteps?: string[];
  sla?: { state: string; clocks: { milestone: string; dueAt: string; metAt?: string }[] };
  checklist?: { protocol: string; items: { id: string; label: string; reference: string; state?: string }[]; missing: string[] };
  /** Opened for those who may read them (ops, supervisors, auditors, the case's volunteers); sealed at rest. */
  notes?: { at: string; by: string; text: string }[];
  evidence?: {
    evidenceId: string;
    evidenceType: string;
    description?: string;
    file?: { sha256: string; size: number; mediaType: string };
    custody: { action: string; at: string; to?: string }[];
  }[];
}

export const listCases = (query: Record<string, string> = {}) =>
  api<CaseList>(`/api/case/cases?${new URLSearchParams({ limit: '50', ...query })}`);
export const getCase = (caseId: string) => api<CaseDetail>(`/api/case/cases/${encodeURIComponent(caseId)}`);
