import { Inject, Injectable } from '@nestjs/common';
import type { Model } from 'mongoose';
import { HakiError } from '@haki/contracts';
import type { Logger } from '@haki/platform-logging';
import type { OutboxRelay } from '@haki/platform-messaging';
import { DeliveryReports } from '../delivery/delivery-reports';
import { FaultInjector, LOGGER } from '@haki/platform-runtime';
import type { OutboundJob } from '../outbound/outbound-job';
import { afterFailedSend, type SmsRoute } from '../outbound/sms-route';
import type { Contact } from '../contacts/contact.model';
import type { MessageChannel } from '../channels/channel';
import { EMAIL_CHANNEL, NOTIFICATIONS, NOTIFICATIONS_OUTBOX } from '../notification.tokens';
import { ContactBook } from '../contacts/contact-book';
import type { NotificationDocument } from './notification.model';
import { MessageMetrics } from '../delivery/message-metrics';
import { OfferLinks } from '../links/offer-links';
import { emailMessage, messageLanguage, messageText, type MessageLinks } from './offer-message';
import { OfferMessageEvents } from './offer-message-events';

/**
 * Sends one offer SMS through the route's provider and records the outcome with its
 * notification.dispatched event: `sent`, or `failed` once the last provider's last attempt fails or a
 * provider refuses it for good (an invalid number: `SMS.REJECTED`, not retried), so matching and ops
 * learn of it instead of waiting forever. A primary that keeps failing hands the job to the fallback
 * provider's queue (sms-route.ts).
 * A job retried after a crash between sending and recording sends again with the same idempotency
 * key: providers that honour it (and the recording driver) keep one message; others may deliver a
 * second copy of the same offer. At-least-once, never zero.
 *
 * Writes filter by `_id` alone: FerretDB serves only a bare `_id` filter from its key, and reads the
 * whole collection for `{ _id, status }`, on every message. The status is checked when the job starts;
 * a job run twice at once (a stalled-job recovery) may record twice, with the same event ids, which
 * every consumer drops (on FerretDB the status filter never made that atomic anyway: decision 0001).
 */
@Injectable()
export class SendOffer {
  constructor(
    @Inject(NOTIFICATIONS) private readonly notifications: Model<NotificationDocument>,
    private readonly contactBook: ContactBook,
    @Inject(EMAIL_CHANNEL) private readonly email: MessageChannel | null,
    @Inject(NOTIFICATIONS_OUTBOX) private readonly outbox: OutboxRelay,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly offerEvents: OfferMessageEvents,
    private readonly deliveryReports: DeliveryReports,
    private readonly links: OfferLinks,
    private readonly faults: FaultInjector,
    private readonly metrics: MessageMetrics,
  ) {}

  async execute(job: OutboundJob, attempt: { last: boolean }, route: SmsRoute): Promise<void> {
    const notification = await this.notifications.findById(job.notificationId).lean();
    if (!notification) throw new HakiError('NOTIFICATION.NOT_FOUND', `no notification ${job.notificationId}`);
    if (notification.status !== 'queued') return;
    if ((notification.purpose ?? 'offer') === 'offer' && (await this.offerEnded(notification.offerId))) {
      // The offer was cancelled or expired while its SMS waited (a slow provider): never send a dead offer.
      await this.notifications.updateOne({ _id: notification._id }, { $set: { status: 'superseded' } });
      return;
    }
    const contact = await this.contactBook.find(notification.professionalId);
    if (!contact) {
      await this.record(notification, 'sms', {
        status: 'failed',
        provider: route.channel.provider,
        failureReason: 'no contact details for professional',
      });
      throw new HakiError('NOTIFICATION.NO_CONTACT', `no contact details for ${notification.professionalId}`);
    }
    const way = this.wayTo(notification, contact, route);
    if (!way) {
      // The email copy of a confirmation, for a volunteer without an address (or no SMTP): the SMS said it.
      await this.notifications.updateOne({ _id: notification._id }, { $set: { status: 'not-needed' } });
      return;
    }
    let result;
    try {
      const language = messageLanguage(contact.language);
      const links = await this.linksFor(notification, way.medium);
      const content =
        way.medium === 'email' ? emailMessage(notification, language, links) : { text: messageText(notification, language, links) };
      result = await way.route.channel.send({ idempotencyKey: notification._id, to: way.to, ...content });
    } catch (error) {
      this.metrics.counted(way.route.channel.provider, way.medium, notification.purpose ?? 'offer', 'attempt-failed');
      if ((await afterFailedSend(error, attempt, way.route, job)) === 'handed-over') return;
      const failureReason = (error as Error).message;
      await this.record(notification, way.medium, { status: 'failed', provider: way.route.channel.provider, failureReason });
      throw error;
    }
    this.faults.reach('notification.after-send');
    await this.record(notification, way.medium, { status: 'sent', provider: result.provider, providerMessageId: result.providerMessageId });
  }

  /** An email offer links to its answer page; a confirmation, by SMS or email, to the brief. */
  private async linksFor(notification: NotificationDocument, medium: 'sms' | 'email'): Promise<MessageLinks> {
    const purpose = notification.purpose ?? 'offer';
    if (purpose === 'confirmed') {
      const brief = await this.links.briefUrl(notification.offerId);
      return brief ? { brief } : {};
    }
    if (purpose !== 'offer' || medium !== 'email') return {};
    const respond = await this.links.respondUrl(notification.offerId, notification.offerExpiresAt);
    return respond ? { respond } : {};
  }

  /**
   * How this message reaches the volunteer: an `email` record by email or not at all; any other by
   * email when they prefer it and email is set up, else by SMS through the job's provider.
   */
  private wayTo(notification: NotificationDocument, contact: Contact, route: SmsRoute) {
    const byEmail =
      this.email && contact.email ? { medium: 'email' as const, route: { channel: this.email }, to: contact.email } : undefined;
    if (notification.channel === 'email') return byEmail;
    return (contact.prefers === 'email' && byEmail) || { medium: 'sms' as const, route, to: contact.phone };
  }

  /** Lookups by `_id`: the follow-ups that end an offer. */
  private async offerEnded(offerId: string): Promise<boolean> {
    const ended = await Promise.all(
      ['cancelled', 'expired'].map((purpose) => this.notifications.exists({ _id: `sms:${purpose}:${offerId}` })),
    );
    return ended.some(Boolean);
  }

  private async record(
    notification: NotificationDocument,
    medium: 'sms' | 'email',
    outcome: { status: 'sent' | 'failed'; provider: string; providerMessageId?: string; failureReason?: string },
  ): Promise<void> {
    this.metrics.counted(outcome.provider, medium, notification.purpose ?? 'offer', outcome.status);
    const events = [this.offerEvents.dispatched(notification, { ...outcome, channel: medium })];
    if (outcome.status === 'failed') events.push(this.offerEvents.deliveryFailed(notification, outcome.failureReason ?? 'not delivered'));
    // The events first: they report a send that has happened. A crash before the status is stored runs
    // the job again, which enqueues the same event ids (stored once, or dropped by consumers).
    await this.outbox.enqueue(events);
    if (outcome.providerMessageId) {
      await this.deliveryReports.track(outcome.provider, outcome.providerMessageId, { recordId: notification._id, kind: 'offer-message' });
    }
    await this.notifications.updateOne(
      { _id: notification._id },
      { $set: { status: outcome.status, ...(outcome.providerMessageId ? { providerMessageId: outcome.providerMessageId } : {}) } },
    );
    this.outbox.kick();
    this.logger.info(
      { notificationId: notification._id, referralId: notification.referralId, status: outcome.status },
      'offer notification recorded',
    );
  }
}
