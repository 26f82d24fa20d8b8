import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { Model } from 'mongoose';
import type { EventEnvelope } from '@haki/contracts';
import { insertOnce, isDuplicateKeyError } from '@haki/platform-messaging';
import { NOTIFICATIONS, OUTBOUND_QUEUE } from '../notification.tokens';
import { enqueueSend } from '../outbound/enqueue-send';
import { FOLLOW_UP_PURPOSES, queuedNotification, type MessagePurpose, type NotificationDocument } from './notification.model';
import type { OutboundJob } from '../outbound/outbound-job';

/** The events about an offer after it went out: each tells the volunteer what became of it. */
export type FollowUpEvent = EventEnvelope & { payload: { offerId: string; referralId: string; professionalId: string } };

/**
 * assignment.confirmed / cancelled / expired / reminded / completed → a message to the volunteer who
 * had the offer, about the same case, queued like the offer (one record, one job, one message however
 * often the event comes); a confirmation is also copied by email. A follow-up read before its offer
 * (they travel on different topics, and an ops assignment publishes both at once) is parked as
 * `awaiting-offer` and queued when the offer arrives (`releaseParked`): waiting by retrying would
 * hold up the offer itself, which the consumer handles after this event for the same referral.
 */
@Injectable()
export class QueueFollowUp {
  constructor(
    @Inject(NOTIFICATIONS) private readonly notifications: Model<NotificationDocument>,
    @Inject(OUTBOUND_QUEUE) private readonly queue: Queue<OutboundJob>,
  ) {}

  async execute(purpose: Exclude<MessagePurpose, 'offer'>, event: FollowUpEvent): Promise<void> {
    const { offerId } = event.payload;
    const offer = await this.notifications.findById(`sms:${offerId}`).lean();
    if (!offer) {
      // The marker first: with it, `releaseParked` knows to look (a marker without a parked record,
      // after a crash between the two, only costs that look).
      await insertMarker(this.notifications, parkedMarkerId(offerId));
      const subject = { ...event.payload, serviceType: '', urgency: '', countyName: '' };
      for (const { id, channel } of followUpRecords(purpose, offerId)) {
        const parked = queuedNotification(id, purpose, subject, event, channel);
        parked.status = 'awaiting-offer';
        await insertOnce(this.notifications, parked);
      }
      return;
    }
    for (const { id, channel } of followUpRecords(purpose, offerId)) {
      const created = await insertOnce(this.notifications, queuedNotification(id, purpose, offer, event, channel));
      // A redelivered event finds its record: queue it again only while it waits (the job id dedupes).
      const waiting = created || (await this.notifications.findById(id, { status: 1 }).lean())?.status === 'queued';
      if (waiting) await enqueueSend(this.queue, id, event.correlationId);
    }
  }

  /**
   * The offer has arrived: its parked follow-ups take its case facts and are queued. When one of them
   * ended the offer (cancelled, expired) the volunteer never saw it, so nothing about it is sent at all.
   * Lookups by `_id`.
   */
  async releaseParked(offer: NotificationDocument): Promise<void> {
    // Most offers arrive before any follow-up: one lookup instead of one per purpose.
    if (!(await this.notifications.exists({ _id: parkedMarkerId(offer.offerId) }))) return;
    const ids = FOLLOW_UP_PURPOSES.flatMap((purpose) => followUpRecords(purpose, offer.offerId).map(({ id }) => id));
    // One lookup by `_id` each: FerretDB serves a bare `_id` from its key, while `$in` (or `_id` with any
    // other condition) reads the whole collection. For the same reason the writes below filter by `_id`
    // alone; the statuses were just read, and this consumer is the only writer of these records.
    const found = await Promise.all(ids.map((_id) => this.notifications.findById(_id, { purpose: 1, status: 1 }).lean()));
    const parked = found.filter((notification) => notification?.status === 'awaiting-offer').map((notification) => notification!);
    if (parked.length === 0) return;
    const ended = parked.some((notification) => notification.purpose === 'cancelled' || notification.purpose === 'expired');
    if (ended) {
      const current = await this.notifications.findById(offer._id, { status: 1 }).lean();
      const unsent = current?.status === 'queued' ? [offer._id] : [];
      for (const _id of [...unsent, ...parked.map((notification) => notification._id)]) {
        await this.notifications.updateOne({ _id }, { $set: { status: 'superseded' } });
      }
      return;
    }
    const { serviceType, urgency, countyName } = offer;
    for (const { _id } of parked) {
      await this.notifications.updateOne({ _id }, { $set: { serviceType, urgency, countyName, status: 'queued' } });
      await enqueueSend(this.queue, _id, offer.correlationId);
    }
  }
}

/** The records one follow-up makes: its message, and for a confirmation a copy by email (sent if the volunteer has an address). */
function followUpRecords(purpose: Exclude<MessagePurpose, 'offer'>, offerId: string) {
  const sms = { id: `sms:${purpose}:${offerId}`, channel: 'sms' as const };
  return purpose === 'confirmed' ? [sms, { id: `email:${purpose}:${offerId}`, channel: 'email' as const }] : [sms];
}

/** Marks that follow-ups of this offer are parked (a bare document in `notifications`, outside the schema). */
const parkedMarkerId = (offerId: string) => `parked-follow-ups:${offerId}`;

async function insertMarker(notifications: Model<NotificationDocument>, _id: string): Promise<void> {
  try {
    await notifications.collection.insertOne({ _id } as never);
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
}
