import { Schema, type Connection, type Model } from 'mongoose';
import { createModel } from '@haki/platform-runtime';

/** What a message about an offer tells the volunteer. */
export const FOLLOW_UP_PURPOSES = ['confirmed', 'cancelled', 'expired', 'reminder', 'completed'] as const;
export type MessagePurpose = 'offer' | (typeof FOLLOW_UP_PURPOSES)[number];

/** One message about one offer to one professional, from queued to sent or failed. */
export interface NotificationDocument {
  _id: string;
  offerId: string;
  referralId: string;
  professionalId: string;
  serviceType: string;
  urgency: string;
  countyName: string;
  /** Absent on records written before follow-up messages existed: those are offers. */
  purpose?: MessagePurpose;
  /**
   * `sms` records go by SMS, or by email to a volunteer who prefers it; `email` records (the extra copy
   * of a confirmation) by email only, and are `not-needed` for a volunteer without an address.
   */
  channel: 'sms' | 'email';
  /**
   * superseded: an offer that ended before its SMS went out, so it was never sent; not-needed: an ops
   * assignment the volunteer agreed to by phone (only its confirmation is sent); awaiting-offer: a
   * follow-up read before its offer (they travel on different topics), queued once the offer arrives.
   */
  status: 'queued' | 'sent' | 'failed' | 'superseded' | 'not-needed' | 'awaiting-offer';
  providerMessageId?: string;
  /** When the offer expires (offer records): its answer link expires with it. */
  offerExpiresAt?: Date;
  correlationId: string;
  causationId: string;
}

const schema = new Schema<NotificationDocument>(
  {
    _id: String,
    offerId: String,
    referralId: String,
    professionalId: String,
    serviceType: String,
    urgency: String,
    countyName: String,
    purpose: String,
    channel: String,
    status: String,
    providerMessageId: String,
    offerExpiresAt: Date,
    correlationId: String,
    causationId: String,
  },
  { versionKey: false },
);

export const notificationModel = (connection: Connection): Promise<Model<NotificationDocument>> =>
  createModel(connection, 'Notification', schema, 'notifications');

/** What a message is about: the offer and the case facts its text may name (never a person or a precise place). */
export type MessageSubject = Pick<
  NotificationDocument,
  'offerId' | 'referralId' | 'professionalId' | 'serviceType' | 'urgency' | 'countyName'
>;

/** A message waiting to be sent, caused by the event that asked for it. */
export function queuedNotification(
  id: string,
  purpose: MessagePurpose,
  subject: MessageSubject,
  cause: { eventId: string; correlationId: string },
  channel: NotificationDocument['channel'] = 'sms',
): NotificationDocument {
  const { offerId, referralId, professionalId, serviceType, urgency, countyName } = subject;
  return {
    _id: id,
    offerId,
    referralId,
    professionalId,
    serviceType,
    urgency,
    countyName,
    purpose,
    channel,
    status: 'queued',
    correlationId: cause.correlationId,
    causationId: cause.eventId,
  };
}
