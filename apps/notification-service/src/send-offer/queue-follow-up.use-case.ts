import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { Model } from 'mongoose';
import { HakiError, type EventEnvelope } from '@haki/contracts';
import { insertOnce } from '@haki/platform-messaging';
import { NOTIFICATIONS, OUTBOUND_QUEUE } from '../notification.tokens';
import { enqueueSend } from '../outbound/enqueue-send';
import { queuedNotification, type MessagePurpose, type NotificationDocument } from './notification.model';
import type { SendOfferJob } from './send-offer.use-case';

/** The events about an offer after it went out: each tells the volunteer what became of it. */
export type FollowUpEvent = EventEnvelope & { payload: { offerId: string } };

/**
 * assignment.confirmed / cancelled / expired / reminded → a message to the volunteer who had the
 * offer, about the same case, queued like the offer (one record, one job, one SMS however often the
 * event comes). The follow-up may be read before the offer (they travel on different topics): it then
 * waits, retried by the consumer, until the offer's record exists.
 */
@Injectable()
export class QueueFollowUp {
  constructor(
    @Inject(NOTIFICATIONS) private readonly notifications: Model<NotificationDocument>,
    @Inject(OUTBOUND_QUEUE) private readonly queue: Queue<SendOfferJob>,
  ) {}

  async execute(purpose: Exclude<MessagePurpose, 'offer'>, event: FollowUpEvent): Promise<void> {
    const { offerId } = event.payload;
    const offer = await this.notifications.findById(`sms:${offerId}`).lean();
    if (!offer) throw new HakiError('NOTIFICATION.OFFER_NOT_YET_QUEUED', `no offer message for ${offerId} yet`);
    const notificationId = `sms:${purpose}:${offerId}`;
    await insertOnce(this.notifications, queuedNotification(notificationId, purpose, offer, event));
    await enqueueSend(this.queue, notificationId, event.correlationId);
  }
}
