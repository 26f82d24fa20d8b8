import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { TOPICS, type Topic } from './names';
import { assignmentOfferedV1 } from './events/assignment-offered.v1';
import { notificationDeliveryFailedV1, notificationDispatchedV1 } from './events/notification-dispatched.v1';
import { referralEscalatedV1, referralWithdrawnV1 } from './events/referral-escalated.v1';
import { referralAmendedV1, referralLinkedV1, referralSubmittedV1, referralWithdrawalRequestedV1 } from './events/referral-submitted.v1';
import { assignmentProgressReportedV1, assignmentRespondedV1 } from './events/assignment-responded.v1';
import {
  assignmentCancelledV1,
  assignmentCompletedV1,
  assignmentCompletionReportedV1,
  assignmentConfirmedV1,
  assignmentExpiredV1,
  assignmentRemindedV1,
  assignmentRequestedV1,
  assignmentReofferRequestedV1,
  referralBriefOpenedV1,
} from './events/assignment-lifecycle.v1';
import { referralTimerDueV1, referralTimerSetV1 } from './events/referral-timer.v1';
import { professionalContactChangedV1, referralProfessionalUnavailableV1 } from './events/roster.v1';
import { professionalRepliedV1, professionalReplyHandledV1 } from './events/professional-reply.v1';
import { referrerMessageRequestedV1, referrerSmsReceivedV1 } from './events/referrer-sms.v1';
import { caseStatusChangedV1 } from './events/case-status-changed.v1';
import { referralCapacityFreedV1 } from './events/capacity-freed.v1';
import { HakiError } from './errors';

/** One payload schema per topic (= event type + version). */
export const PAYLOAD_SCHEMAS = {
  [TOPICS.referralSubmitted]: referralSubmittedV1,
  [TOPICS.referralEscalated]: referralEscalatedV1,
  [TOPICS.referralWithdrawn]: referralWithdrawnV1,
  [TOPICS.referralLinked]: referralLinkedV1,
  [TOPICS.referralAmended]: referralAmendedV1,
  [TOPICS.referralWithdrawalRequested]: referralWithdrawalRequestedV1,
  [TOPICS.assignmentOffered]: assignmentOfferedV1,
  [TOPICS.notificationDispatched]: notificationDispatchedV1,
  [TOPICS.assignmentResponded]: assignmentRespondedV1,
  [TOPICS.assignmentConfirmed]: assignmentConfirmedV1,
  [TOPICS.assignmentCancelled]: assignmentCancelledV1,
  [TOPICS.assignmentExpired]: assignmentExpiredV1,
  [TOPICS.assignmentReminded]: assignmentRemindedV1,
  [TOPICS.assignmentProgressReported]: assignmentProgressReportedV1,
  [TOPICS.referralTimerSet]: referralTimerSetV1,
  [TOPICS.referralTimerDue]: referralTimerDueV1,
  [TOPICS.referralCapacityFreed]: referralCapacityFreedV1,
  [TOPICS.assignmentRequested]: assignmentRequestedV1,
  [TOPICS.assignmentReofferRequested]: assignmentReofferRequestedV1,
  [TOPICS.assignmentCompletionReported]: assignmentCompletionReportedV1,
  [TOPICS.assignmentCompleted]: assignmentCompletedV1,
  [TOPICS.notificationDeliveryFailed]: notificationDeliveryFailedV1,
  [TOPICS.referralProfessionalUnavailable]: referralProfessionalUnavailableV1,
  [TOPICS.professionalContactChanged]: professionalContactChangedV1,
  [TOPICS.professionalReplied]: professionalRepliedV1,
  [TOPICS.referralBriefOpened]: referralBriefOpenedV1,
  [TOPICS.professionalReplyHandled]: professionalReplyHandledV1,
  [TOPICS.caseStatusChanged]: caseStatusChangedV1,
  [TOPICS.referrerSmsReceived]: referrerSmsReceivedV1,
  [TOPICS.referrerMessageRequested]: referrerMessageRequestedV1,
} satisfies Record<Topic, z.ZodType>;

export type PayloadOf<T extends Topic> = z.infer<(typeof PAYLOAD_SCHEMAS)[T]>;

const envelopeSchema = z.object({
  eventId: z.string().min(1),
  type: z.string().min(1),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime(),
  correlationId: z.string().min(1),
  causationId: z.string().min(1).nullable(),
  producer: z.string().min(1),
  /** Kafka key: the aggregate (referral) id, so one referral's events stay in order. */
  key: z.string().min(1),
  payload: z.unknown(),
  /** W3C trace context of the work that produced the event (tracing); one that does not parse is dropped, never fatal. */
  traceparent: z
    .string()
    .regex(/^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/)
    .optional()
    .catch(undefined),
});

export interface EventEnvelope<T extends Topic = Topic> {
  eventId: string;
  type: string;
  version: number;
  occurredAt: string;
  correlationId: string;
  causationId: string | null;
  producer: string;
  key: string;
  payload: PayloadOf<T>;
  /** W3C traceparent of the span that produced the event, when a trace was active: the consumer's span continues it. */
  traceparent?: string;
}

/** `referral.submitted.v1` → type `referral.submitted`, version 1. */
export function splitTopic(topic: Topic): { type: string; version: number } {
  const match = /^(.*)\.v(\d+)$/.exec(topic);
  if (!match) throw new HakiError('EVENT.UNVERSIONED_TOPIC', `topic ${topic} has no version suffix`);
  return { type: match[1]!, version: Number(match[2]) };
}

/**
 * A UUID-shaped id derived from `seed`: a step that is retried after a crash produces the very same
 * event id, which consumers then recognise as already processed.
 */
export function deterministicEventId(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface NewEvent<T extends Topic> {
  topic: T;
  key: string;
  payload: PayloadOf<T>;
  producer: string;
  correlationId: string;
  causationId?: string | null;
  /** Pass a deterministic id when a retried step must produce the very same event. */
  eventId?: string;
  occurredAt?: Date;
  traceparent?: string | undefined;
}

export function createEvent<T extends Topic>(input: NewEvent<T>): EventEnvelope<T> {
  const { type, version } = splitTopic(input.topic);
  return {
    eventId: input.eventId ?? randomUUID(),
    type,
    version,
    occurredAt: (input.occurredAt ?? new Date()).toISOString(),
    correlationId: input.correlationId,
    causationId: input.causationId ?? null,
    producer: input.producer,
    key: input.key,
    payload: PAYLOAD_SCHEMAS[input.topic].parse(input.payload) as PayloadOf<T>,
    ...(input.traceparent ? { traceparent: input.traceparent } : {}),
  };
}

/** Validates an envelope read from `topic`; throws a non-retryable coded error naming the fields. */
export function parseEvent<T extends Topic>(topic: T, raw: unknown): EventEnvelope<T> {
  const envelope = envelopeSchema.safeParse(raw);
  if (!envelope.success) throw HakiError.fromZod('EVENT.INVALID_ENVELOPE', envelope.error);
  const { type, version } = splitTopic(topic);
  if (envelope.data.type !== type || envelope.data.version !== version) {
    throw new HakiError('EVENT.WRONG_TOPIC', `event ${envelope.data.type}.v${envelope.data.version} on topic ${topic}`);
  }
  const payload = PAYLOAD_SCHEMAS[topic].safeParse(envelope.data.payload);
  if (!payload.success) throw HakiError.fromZod('EVENT.INVALID_PAYLOAD', payload.error);
  return { ...envelope.data, payload: payload.data as PayloadOf<T> };
}
