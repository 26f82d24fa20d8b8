import { Injectable } from '@nestjs/common';
import { EventFactory, TOPICS, type PayloadOf } from '@haki/contracts';
import { toOutbox, type OutboxEntry } from '@haki/platform-messaging';
import type { NotificationDocument } from './notification.model';

type Outcome = {
  status: 'sent' | 'failed';
  provider: string;
  providerMessageId?: string;
  failureReason?: string;
  channel?: 'sms' | 'email';
};

/**
 * The events about a message about an offer, each caused by the offer event its record remembers, with
 * an id derived from the step and the message: whichever writer publishes one (the send, a delivery
 * report), and however often, it is the same event.
 */
@Injectable()
export class OfferMessageEvents {
  constructor(private readonly events: EventFactory) {}

  /** What the send did; `step` tells a later report about the same message (a delivery report) from the send's own. */
  dispatched(notification: NotificationDocument, { channel = 'sms', ...outcome }: Outcome, step = 'dispatched'): OutboxEntry {
    return this.about(notification, TOPICS.notificationDispatched, step, outcome, channel);
  }

  /** On a topic of its own, so matching reads only what it acts on. */
  deliveryFailed(notification: NotificationDocument, reason: string): OutboxEntry {
    return this.about(notification, TOPICS.notificationDeliveryFailed, 'delivery-failed', { reason });
  }

  private about<T extends typeof TOPICS.notificationDispatched | typeof TOPICS.notificationDeliveryFailed>(
    notification: NotificationDocument,
    topic: T,
    step: string,
    details: Omit<PayloadOf<T>, 'notificationId' | 'referralId' | 'offerId' | 'channel' | 'purpose'>,
    channel: 'sms' | 'email' = notification.channel,
  ): OutboxEntry {
    const cause = { eventId: notification.causationId, correlationId: notification.correlationId };
    const { _id: notificationId, referralId, offerId } = notification;
    const payload = {
      notificationId,
      referralId,
      offerId,
      channel,
      purpose: notification.purpose ?? 'offer',
      ...details,
    } as PayloadOf<T>;
    return toOutbox(topic, this.events.followUp(cause, { topic, idSeed: `${step}:${notificationId}`, key: referralId, payload }));
  }
}
