/** Injection tokens of the matching service. */
export const MATCHING_REFERRALS = Symbol('MATCHING_REFERRALS');
export const PROFESSIONALS = Symbol('PROFESSIONALS');
export const MATCHING_OUTBOX = Symbol('MATCHING_OUTBOX');
export const CAPACITY_SLOTS = Symbol('CAPACITY_SLOTS');
