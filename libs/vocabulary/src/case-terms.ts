/**
 * A case's lifecycle and how it ends: shared by the case service (which keeps it), matching (which
 * frees capacity when a case closes) and the event contracts.
 */
export const CASE_STATUSES = [
  'submitted',
  'matching',
  'assigned',
  'in-progress',
  'report-in-preparation',
  'report-delivered',
  'closed',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_OUTCOMES = [
  'report-delivered-to-family',
  'report-delivered-to-court',
  'referred-on',
  'survivor-unreachable',
  'withdrawn',
  'duplicate',
] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

/** What a piece of evidence on a case is (the case service registers it; the web app offers the list). */
export const EVIDENCE_TYPES = ['photo', 'body-diagram', 'medical-report', 'autopsy-report', 'scan', 'sample-record', 'other'] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];
