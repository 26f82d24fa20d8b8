import { TOPICS, type Topic } from './names';

/** The four services that talk over Kafka; each is a broker user of the same name (docs/decisions/0010). */
export const EVENT_SERVICES = ['intake-service', 'matching-service', 'notification-service', 'case-service'] as const;
export type EventService = (typeof EVENT_SERVICES)[number];

/**
 * Who may publish each topic: the broker grants WRITE on a topic to its owner only (`kafka:access`), so
 * a forged `assignment.offered` from any other process is refused by the broker, not just ignored.
 * The case service builds its timeline from everyone's events and publishes only its own case's steps.
 */
export const TOPIC_OWNERS: Readonly<Record<Topic, EventService>> = {
  [TOPICS.referralSubmitted]: 'intake-service',
  [TOPICS.referralBriefOpened]: 'intake-service',
  [TOPICS.referralLinked]: 'intake-service',
  [TOPICS.referralAmended]: 'intake-service',
  [TOPICS.referralWithdrawalRequested]: 'intake-service',
  [TOPICS.notificationDispatched]: 'notification-service',
  [TOPICS.notificationDeliveryFailed]: 'notification-service',
  [TOPICS.professionalReplied]: 'notification-service',
  [TOPICS.referralEscalated]: 'matching-service',
  [TOPICS.referralWithdrawn]: 'matching-service',
  [TOPICS.assignmentOffered]: 'matching-service',
  [TOPICS.assignmentResponded]: 'matching-service',
  [TOPICS.assignmentConfirmed]: 'matching-service',
  [TOPICS.assignmentCancelled]: 'matching-service',
  [TOPICS.assignmentExpired]: 'matching-service',
  [TOPICS.assignmentReminded]: 'matching-service',
  [TOPICS.assignmentProgressReported]: 'matching-service',
  [TOPICS.assignmentRequested]: 'matching-service',
  [TOPICS.assignmentReofferRequested]: 'matching-service',
  [TOPICS.assignmentCompletionReported]: 'matching-service',
  [TOPICS.assignmentCompleted]: 'matching-service',
  [TOPICS.referralProfessionalUnavailable]: 'matching-service',
  [TOPICS.professionalContactChanged]: 'matching-service',
  [TOPICS.professionalReplyHandled]: 'matching-service',
  [TOPICS.referralTimerSet]: 'matching-service',
  [TOPICS.referralTimerDue]: 'matching-service',
  [TOPICS.referralCapacityFreed]: 'matching-service',
  [TOPICS.caseStatusChanged]: 'case-service',
  [TOPICS.referrerSmsReceived]: 'notification-service',
  [TOPICS.referrerMessageRequested]: 'intake-service',
};

/**
 * A service's own replay topic: `POST /dead-letters/:id/replay` puts the dead letter's id here and only
 * that service reads it, taking the event from its own store. Replaying needs no WRITE on another
 * service's topic, and a message written here cannot carry an event of its own.
 */
export const replayTopic = (service: string): string => `replay.${service}.v1`;
