export const REFERRALS = Symbol('REFERRALS');
export const REFERRALS_OUTBOX = Symbol('REFERRALS_OUTBOX');
