import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { Model } from 'mongoose';
import type { EventEnvelope, TOPICS } from '@haki/contracts';
import { insertOnce } from '@haki/platform-messaging';
import { NOTIFICATIONS, OUTBOUND_QUEUE } from '../notification.tokens';
import { enqueueSend } from '../outbound/enqueue-send';
import { queuedNotification, type NotificationDocument } from './notification.model';
import { QueueFollowUp } from './queue-follow-up.use-case';
import type { OutboundJob } from '../outbound/outbound-job';

/**
 * assignment.offered → a notification record and a BullMQ job to send it. The job id is the
 * notification id, so a redelivered event adds no second job and the professional gets one SMS.
 */
@Injectable()
export class QueueOffer {
  constructor(
    @Inject(NOTIFICATIONS) private readonly notifications: Model<NotificationDocument>,
    @Inject(OUTBOUND_QUEUE) private readonly queue: Queue<OutboundJob>,
    private readonly followUps: QueueFollowUp,
  ) {}

  async execute(event: EventEnvelope<typeof TOPICS.assignmentOffered>): Promise<void> {
    const notificationId = `sms:${event.payload.offerId}`;
    const notification = queuedNotification(notificationId, 'offer', event.payload, event);
    notification.offerExpiresAt = new Date(event.payload.expiresAt);
    // An ops assignment was agreed by phone: nothing to ask, but its record anchors the confirmation that follows.
    if (event.payload.manual) notification.status = 'not-needed';
    // Insert-only: a redelivered event must not rewrite a notification the worker is updating.
    await insertOnce(this.notifications, notification);
    if (!event.payload.manual) await enqueueSend(this.queue, notificationId, event.correlationId);
    await this.followUps.releaseParked(notification);
  }
}
