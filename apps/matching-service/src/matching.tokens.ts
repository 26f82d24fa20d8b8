/** Injection tokens of the matching service. */
export const REFERRAL_DECISIONS = Symbol('REFERRAL_DECISIONS');
/** Referrals not yet finished, for the attention list. */
export const REFERRALS_IN_PLAY = Symbol('REFERRALS_IN_PLAY');
/** Referrals with a role waiting for capacity (surge triage). */
export const WAITING_REFERRALS = Symbol('WAITING_REFERRALS');
export const PROFESSIONALS = Symbol('PROFESSIONALS');
export const CAPACITY_SLOTS = Symbol('CAPACITY_SLOTS');
export const CAPACITY_HOLDINGS = Symbol('CAPACITY_HOLDINGS');
export const OFFER_OUTCOMES = Symbol('OFFER_OUTCOMES');
export const ROSTER_IMPORTS = Symbol('ROSTER_IMPORTS');
/** Publishes the events of roster changes and imports (contact details, unavailability). */
export const ROSTER_OUTBOX = Symbol('ROSTER_OUTBOX');
/** Seals contact details entered with a roster change for the notification service. */
export const CONTACT_SEALER = Symbol('CONTACT_SEALER');
/** The timer queue's Redis connection (producers); the worker blocks on one of its own. */
export const TIMER_QUEUE_REDIS = Symbol('TIMER_QUEUE_REDIS');
export const TIMER_WORKER_REDIS = Symbol('TIMER_WORKER_REDIS');
export const TIMER_QUEUE = Symbol('TIMER_QUEUE');
