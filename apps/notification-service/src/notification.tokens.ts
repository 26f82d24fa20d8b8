/** Injection tokens of the notification service. */
export const NOTIFICATIONS = Symbol('NOTIFICATIONS');
export const CONTACTS = Symbol('CONTACTS');
export const CONTACT_PHONES = Symbol('CONTACT_PHONES');
export const INBOUND_MESSAGES = Symbol('INBOUND_MESSAGES');
export const REPLY_MESSAGES = Symbol('REPLY_MESSAGES');
export const PROVIDER_MESSAGES = Symbol('PROVIDER_MESSAGES');
export const USED_LINKS = Symbol('USED_LINKS');
/** Opens contact details sealed by the matching service (roster changes). */
export const CONTACT_SEALER = Symbol('CONTACT_SEALER');
export const NOTIFICATIONS_OUTBOX = Symbol('NOTIFICATIONS_OUTBOX');
export const OUTBOUND_QUEUE = Symbol('OUTBOUND_QUEUE');
/** The SMTP channel, or null when SMTP_HOST is unset. */
export const EMAIL_CHANNEL = Symbol('EMAIL_CHANNEL');
export const FALLBACK_QUEUE = Symbol('FALLBACK_QUEUE');
/** Each SMS provider's channel and hand-over (outbound/outbound-queue.ts). */
export const SMS_ROUTES = Symbol('SMS_ROUTES');
/** The queue's Redis connection (producers); the worker blocks on one of its own. */
export const QUEUE_REDIS = Symbol('QUEUE_REDIS');
export const WORKER_REDIS = Symbol('WORKER_REDIS');
export const REFERRER_MESSAGES = Symbol('REFERRER_MESSAGES');
export const OPEN_CONVERSATIONS = Symbol('OPEN_CONVERSATIONS');
