import { Inject, Injectable } from '@nestjs/common';
import type { Model } from 'mongoose';
import type { Logger } from '@haki/platform-logging';
import { insertOnce, type OutboxRelay } from '@haki/platform-messaging';
import { LOGGER } from '@haki/platform-runtime';
import { NOTIFICATIONS, NOTIFICATIONS_OUTBOX, PROVIDER_MESSAGES } from '../notification.tokens';
import type { NotificationDocument } from '../send-offer/notification.model';
import { OfferMessageEvents } from '../send-offer/offer-message-events';
import type { ProviderMessageDocument } from './provider-message.model';

/** A provider's delivery report, in our words: still on its way, arrived, or will never arrive. */
export interface DeliveryReport {
  provider: string;
  providerMessageId: string;
  outcome: 'pending' | 'delivered' | 'failed';
  failureReason?: string;
}

/**
 * Follows each sent message to the handset. `track` remembers a message the provider accepted;
 * `record` applies a report: a final one (delivered, failed) once, never overwritten by a later or
 * resent report (Twilio may report `sent` after `failed` for multipart messages). A failed offer
 * message publishes `notification.dispatched` (failed) for the case, and `notification.delivery-failed`,
 * with the id the send would have used, so matching offers the next person without counting a decline,
 * once.
 */
@Injectable()
export class DeliveryReports {
  constructor(
    @Inject(PROVIDER_MESSAGES) private readonly messages: Model<ProviderMessageDocument>,
    @Inject(NOTIFICATIONS) private readonly notifications: Model<NotificationDocument>,
    @Inject(NOTIFICATIONS_OUTBOX) private readonly outbox: OutboxRelay,
    private readonly offerEvents: OfferMessageEvents,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async track(provider: string, providerMessageId: string, record: Pick<ProviderMessageDocument, 'recordId' | 'kind'>): Promise<void> {
    await insertOnce(this.messages, { _id: `${provider}:${providerMessageId}`, ...record, status: 'sent', updatedAt: new Date() });
  }

  /** Returns what the report changed, for the log and tests. */
  async record(report: DeliveryReport): Promise<'unknown-message' | 'unchanged' | 'recorded'> {
    const _id = `${report.provider}:${report.providerMessageId}`;
    const message = await this.messages.findById(_id).lean();
    if (!message) {
      this.logger.warn(
        { provider: report.provider, providerMessageId: report.providerMessageId },
        'delivery report for an unknown message',
      );
      return 'unknown-message';
    }
    if (message.status !== 'sent' || report.outcome === 'pending') return 'unchanged';
    if (report.outcome === 'failed' && message.kind === 'offer-message') {
      const notification = await this.notifications.findById(message.recordId).lean();
      const reason = `not delivered: ${report.failureReason ?? 'the provider gave no reason'}`;
      if (notification) {
        // The case shows the offer as undelivered (dispatched: failed); matching moves on (delivery-failed).
        const failed = {
          status: 'failed' as const,
          provider: report.provider,
          providerMessageId: report.providerMessageId,
          failureReason: reason,
        };
        await this.outbox.enqueue([
          this.offerEvents.dispatched(notification, failed, 'delivery-report'),
          this.offerEvents.deliveryFailed(notification, reason),
        ]);
      }
    }
    const failureReason = report.failureReason ? { failureReason: report.failureReason } : {};
    await this.messages.updateOne({ _id }, { $set: { status: report.outcome, ...failureReason, updatedAt: new Date() } });
    this.outbox.kick();
    this.logger.info({ recordId: message.recordId, status: report.outcome }, 'delivery report recorded');
    return 'recorded';
  }
}
