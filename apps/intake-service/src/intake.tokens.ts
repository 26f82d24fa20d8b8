/** Injection tokens of the intake service. */
export const REFERRALS = Symbol('REFERRALS');
export const REFERRALS_OUTBOX = Symbol('REFERRALS_OUTBOX');
