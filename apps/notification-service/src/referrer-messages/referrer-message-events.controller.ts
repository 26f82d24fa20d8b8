import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { Queue } from 'bullmq';
import type { Model } from 'mongoose';
import { referrerSmsSchema, TOPICS, type EventEnvelope } from '@haki/contracts';
import type { Sealer } from '@haki/platform-config';
import { DEDUPED_BY_HANDLER, insertOnce } from '@haki/platform-messaging';
import { CONTACT_SEALER, OUTBOUND_QUEUE, REFERRER_MESSAGES } from '../notification.tokens';
import { OpenConversations } from './open-conversations';
import { enqueueSend } from '../outbound/enqueue-send';
import type { OutboundJob } from '../outbound/outbound-job';
import type { ReferrerMessageDocument } from './referrer-message.model';

/**
 * referrer.message-requested → a message queued to the phone referrer. Record and job are keyed by the
 * message id intake derived from its cause, so a redelivery, or intake asking twice, sends it once.
 */
@Controller()
export class ReferrerMessageEvents {
  constructor(
    @Inject(REFERRER_MESSAGES) private readonly messages: Model<ReferrerMessageDocument>,
    @Inject(OUTBOUND_QUEUE) private readonly queue: Queue<OutboundJob>,
    @Inject(CONTACT_SEALER) private readonly sealer: Sealer,
    private readonly conversations: OpenConversations,
  ) {}

  @EventPattern(TOPICS.referrerMessageRequested, DEDUPED_BY_HANDLER)
  async onRequested(@Payload() event: EventEnvelope<typeof TOPICS.referrerMessageRequested>): Promise<void> {
    const { messageId, purpose, message } = event.payload;
    // A question keeps the phone's answers coming to intake; its last word about a referral ends that.
    if (purpose !== 'accepted') {
      const { phone } = referrerSmsSchema.parse(this.sealer.open(message, messageId));
      await this.conversations.asked(phone, purpose === 'question');
    }
    const _id = messageId; // the sealed message is bound to it (and `npm run keys:reseal` binds by `_id`)
    const created = await insertOnce(this.messages, { _id, purpose, message, status: 'queued', correlationId: event.correlationId });
    const waiting = created || (await this.messages.findById(_id, { status: 1 }).lean())?.status === 'queued';
    if (waiting) await enqueueSend(this.queue, _id, event.correlationId, 'referrer');
  }
}
