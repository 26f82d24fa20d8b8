import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { Model } from 'mongoose';
import { insertOnce } from '@haki/platform-messaging';
import { OUTBOUND_QUEUE, REPLY_MESSAGES } from '../notification.tokens';
import { enqueueSend } from '../outbound/enqueue-send';
import type { OutboundJob } from '../outbound/outbound-job';
import type { ReplyAnswer, ReplyMessageDocument } from './reply-message.model';
import { replyText } from './reply-text';

/**
 * Queues the message back to a volunteer about their SMS, once per inbound message however often it
 * is asked for (record and job keyed by the inbound id). Nothing is queued when nothing needs saying.
 */
@Injectable()
export class QueueReply {
  constructor(
    @Inject(REPLY_MESSAGES) private readonly replies: Model<ReplyMessageDocument>,
    @Inject(OUTBOUND_QUEUE) private readonly queue: Queue<OutboundJob>,
  ) {}

  async execute(inboundId: string, professionalId: string, answer: ReplyAnswer, correlationId: string): Promise<void> {
    if (replyText(answer) === undefined) return;
    const _id = `reply:${inboundId}`;
    const created = await insertOnce(this.replies, { _id, professionalId, answer, status: 'queued', correlationId });
    const waiting = created || (await this.replies.findById(_id, { status: 1 }).lean())?.status === 'queued';
    if (waiting) await enqueueSend(this.queue, _id, correlationId, 'reply');
  }
}
