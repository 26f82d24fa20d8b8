// Every Kafka topic and BullMQ queue name lives here, so producers, consumers, tests and ops tooling
// agree on one spelling. A topic carries its version; a breaking change is a new topic, never a rename.
export const TOPICS = {
  referralSubmitted: 'referral.submitted.v1',
  referralEscalated: 'referral.escalated.v1',
  assignmentOffered: 'assignment.offered.v1',
  notificationDispatched: 'notification.dispatched.v1',
} as const;

export type Topic = (typeof TOPICS)[keyof typeof TOPICS];
export const ALL_TOPICS: readonly Topic[] = Object.values(TOPICS);

/** Poison messages for `topic` go here, with the error that stopped them. */
export const deadLetterTopic = (topic: string): string => `${topic}.dlq`;

export const QUEUES = {
  outboundNotifications: 'notifications.outbound',
} as const;
