/** Injection tokens of the case service. */
export const CASE_TIMELINE = Symbol('CASE_TIMELINE');
export const CASE_SUMMARIES = Symbol('CASE_SUMMARIES');
export const CASE_LIST_LOG = Symbol('CASE_LIST_LOG');
export const CASE_OUTBOX = Symbol('CASE_OUTBOX');
export const CASE_SEALER = Symbol('CASE_SEALER');
export const EVIDENCE_VAULT = Symbol('EVIDENCE_VAULT');
