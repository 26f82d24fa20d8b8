export * from './names';
export * from './errors';
export * from './envelope';
export * from './events/referral-submitted.v1';
export * from './events/assignment-offered.v1';
export * from './events/referral-escalated.v1';
export * from './events/notification-dispatched.v1';
