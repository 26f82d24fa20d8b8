import { Inject, Injectable } from '@nestjs/common';
import type { Model } from 'mongoose';
import { HakiError } from '@haki/contracts';
import type { Logger } from '@haki/platform-logging';
import { LOGGER } from '@haki/platform-runtime';
import { ContactBook } from '../contacts/contact-book';
import { DeliveryReports } from '../delivery/delivery-reports';
import { REPLY_MESSAGES } from '../notification.tokens';
import type { OutboundJob } from '../outbound/outbound-job';
import { sendRecorded } from '../outbound/send-recorded';
import type { SmsRoute } from '../outbound/sms-route';
import { messageLanguage } from '../send-offer/offer-message';
import type { ReplyMessageDocument } from './reply-message.model';
import { replyText } from './reply-text';

/**
 * Sends one message back to a volunteer who texted, in their language, with the same retries and
 * failover as offers. Its outcome is only stored: it is about no offer, so nobody waits on it.
 */
@Injectable()
export class SendReply {
  constructor(
    @Inject(REPLY_MESSAGES) private readonly replies: Model<ReplyMessageDocument>,
    private readonly contactBook: ContactBook,
    private readonly deliveryReports: DeliveryReports,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(job: OutboundJob, attempt: { last: boolean }, route: SmsRoute): Promise<void> {
    const message = await this.replies.findById(job.notificationId).lean();
    if (!message) throw new HakiError('NOTIFICATION.NOT_FOUND', `no reply message ${job.notificationId}`);
    if (message.status !== 'queued') return;
    const contact = await this.contactBook.find(message.professionalId);
    const text = contact && replyText(message.answer, messageLanguage(contact.language));
    if (!contact || !text) {
      await this.replies.updateOne({ _id: message._id }, { $set: { status: 'failed' } });
      return;
    }
    const outcome = await sendRecorded(
      (set) => this.replies.updateOne({ _id: message._id }, { $set: set }),
      { _id: message._id, to: contact.phone, text, kind: 'reply' },
      { job, attempt, route, reports: this.deliveryReports },
    );
    if (outcome === 'handed-over') return;
    this.logger.info({ replyMessageId: message._id, outcome: message.answer.outcome }, 'reply to volunteer sent');
  }
}
