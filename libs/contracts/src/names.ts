// Every Kafka topic and BullMQ queue name lives here, so producers, consumers, tests and ops tooling
// agree on one spelling. A topic carries its version; a breaking change is a new topic, never a rename.
export const TOPICS = {
  referralSubmitted: 'referral.submitted.v1',
  referralEscalated: 'referral.escalated.v1',
  referralWithdrawn: 'referral.withdrawn.v1',
  /** A second referral of the same incident joined an open case (intake → case); it reserves nobody. */
  referralLinked: 'referral.linked.v1',
  /** Intake corrected a referral already announced: the facts as they are now (intake → matching, case). */
  referralAmended: 'referral.amended.v1',
  /** Intake staff withdrew a referral they submitted; matching applies it as it does ops' withdrawal. */
  referralWithdrawalRequested: 'referral.withdrawal-requested.v1',
  assignmentOffered: 'assignment.offered.v1',
  notificationDispatched: 'notification.dispatched.v1',
  assignmentResponded: 'assignment.responded.v1',
  assignmentConfirmed: 'assignment.confirmed.v1',
  assignmentCancelled: 'assignment.cancelled.v1',
  assignmentExpired: 'assignment.expired.v1',
  assignmentReminded: 'assignment.reminded.v1',
  assignmentProgressReported: 'assignment.progress-reported.v1',
  // Ops inputs for the referral's consumer: give a role to someone (manual assignment, reassignment),
  // offer a role left to ops again, record that an assignment's work is done.
  assignmentRequested: 'assignment.requested.v1',
  assignmentReofferRequested: 'assignment.reoffer-requested.v1',
  assignmentCompletionReported: 'assignment.completion-reported.v1',
  assignmentCompleted: 'assignment.completed.v1',
  /** A message about an offer could not be delivered: matching moves on without counting a decline. */
  notificationDeliveryFailed: 'notification.delivery-failed.v1',
  /** A roster change made someone unavailable who holds an offer or assignment on this referral. */
  referralProfessionalUnavailable: 'referral.professional-unavailable.v1',
  /** Contact details entered with a roster change, sealed for the notification service (never in clear). */
  professionalContactChanged: 'professional.contact-changed.v1',
  /** The confirmed volunteer opened their assignment's brief through its signed link (intake → case). */
  referralBriefOpened: 'referral.brief-opened.v1',
  /** A volunteer's SMS reply, parsed, from the phone on their contact record (notification → matching). */
  professionalReplied: 'professional.replied.v1',
  /** What matching made of that reply, so the volunteer hears back (matching → notification). */
  professionalReplyHandled: 'professional.reply-handled.v1',
  /** People moved a case on: work started, or closed with its outcome (case → matching; the report's stages stay in the case). */
  caseStatusChanged: 'case.status-changed.v1',
  // The matching service's own timers: set through its outbox, due from a BullMQ delayed job, applied
  // by the consumer that owns the referral's partition (docs/decisions/0004).
  referralTimerSet: 'referral.timer-set.v1',
  referralTimerDue: 'referral.timer-due.v1',
  /** Surge triage: a freed slot offered to the first waiting referral its professional could serve (matching → matching). */
  referralCapacityFreed: 'referral.capacity-freed.v1',
  /** An SMS for phone intake, number and text sealed (notification → intake). */
  referrerSmsReceived: 'referrer.sms-received.v1',
  /** A message to a phone referrer, number and text sealed (intake → notification). */
  referrerMessageRequested: 'referrer.message-requested.v1',
} as const;

export type Topic = (typeof TOPICS)[keyof typeof TOPICS];
export const ALL_TOPICS: readonly Topic[] = Object.values(TOPICS);

/** Poison messages for `topic` go here, with the error that stopped them. */
export const deadLetterTopic = (topic: string): string => `${topic}.dlq`;

export const QUEUES = {
  outboundNotifications: 'notifications.outbound',
  /** The fallback SMS provider's queue: jobs the primary provider could not send within its retry budget. */
  outboundFallback: 'notifications.outbound.fallback',
  /** Matching's policy timers (offer expiry, search window, progress reminders) as delayed jobs. */
  matchingTimers: 'matching.timers',
} as const;
