/** Injection tokens of the notification service. */
export const NOTIFICATIONS = Symbol('NOTIFICATIONS');
export const CONTACTS = Symbol('CONTACTS');
/** Opens contact details sealed by the matching service (roster changes). */
export const CONTACT_SEALER = Symbol('CONTACT_SEALER');
export const NOTIFICATIONS_OUTBOX = Symbol('NOTIFICATIONS_OUTBOX');
export const OUTBOUND_QUEUE = Symbol('OUTBOUND_QUEUE');
export const SMS_CHANNEL = Symbol('SMS_CHANNEL');
/** The queue's Redis connection (producers); the worker blocks on one of its own. */
export const QUEUE_REDIS = Symbol('QUEUE_REDIS');
export const WORKER_REDIS = Symbol('WORKER_REDIS');
