import { Inject, Injectable } from '@nestjs/common';
import type { Model } from 'mongoose';
import { HakiError, referrerSmsSchema } from '@haki/contracts';
import type { Sealer } from '@haki/platform-config';
import type { Logger } from '@haki/platform-logging';
import { LOGGER } from '@haki/platform-runtime';
import { DeliveryReports } from '../delivery/delivery-reports';
import { CONTACT_SEALER, REFERRER_MESSAGES } from '../notification.tokens';
import type { OutboundJob } from '../outbound/outbound-job';
import { sendRecorded } from '../outbound/send-recorded';
import type { SmsRoute } from '../outbound/sms-route';
import type { ReferrerMessageDocument } from './referrer-message.model';

/**
 * Sends one message to a phone referrer, with the same retries and failover as offers. Intake wrote the
 * text (a question, a reference, "a professional has accepted"); this service opens the number only to
 * hand it to the provider. Its outcome is stored; nobody waits on it.
 */
@Injectable()
export class SendReferrerMessage {
  constructor(
    @Inject(REFERRER_MESSAGES) private readonly messages: Model<ReferrerMessageDocument>,
    @Inject(CONTACT_SEALER) private readonly sealer: Sealer,
    private readonly deliveryReports: DeliveryReports,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(job: OutboundJob, attempt: { last: boolean }, route: SmsRoute): Promise<void> {
    const record = await this.messages.findById(job.notificationId).lean();
    if (!record) throw new HakiError('NOTIFICATION.NOT_FOUND', `no referrer message ${job.notificationId}`);
    if (record.status !== 'queued') return;
    const { phone, text } = referrerSmsSchema.parse(this.sealer.open(record.message, record._id));
    const outcome = await sendRecorded(
      (set) => this.messages.updateOne({ _id: record._id }, { $set: set }),
      { _id: record._id, to: phone, text, kind: 'referrer-message' },
      { job, attempt, route, reports: this.deliveryReports },
    );
    if (outcome === 'handed-over') return;
    this.logger.info({ referrerMessageId: record._id, purpose: record.purpose }, 'message to phone referrer sent');
  }
}
