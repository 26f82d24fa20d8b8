export const NOTIFICATIONS = Symbol('NOTIFICATIONS');
export const CONTACTS = Symbol('CONTACTS');
export const NOTIFICATIONS_OUTBOX = Symbol('NOTIFICATIONS_OUTBOX');
export const OUTBOUND_QUEUE = Symbol('OUTBOUND_QUEUE');
export const SMS_CHANNEL = Symbol('SMS_CHANNEL');
