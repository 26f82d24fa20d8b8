/** Injection tokens of the case service. */
export const CASE_TIMELINE = Symbol('CASE_TIMELINE');
