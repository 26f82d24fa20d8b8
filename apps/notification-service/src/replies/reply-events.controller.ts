import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { TOPICS, type EventEnvelope } from '@haki/contracts';
import { DEDUPED_BY_HANDLER } from '@haki/platform-messaging';
import { QueueReply } from './queue-reply.use-case';

/** professional.reply-handled → the message back to the volunteer (keyed by the inbound SMS, so a redelivery queues nothing new). */
@Controller()
export class ReplyEvents {
  constructor(private readonly queueReply: QueueReply) {}

  @EventPattern(TOPICS.professionalReplyHandled, DEDUPED_BY_HANDLER)
  onReplyHandled(@Payload() event: EventEnvelope<typeof TOPICS.professionalReplyHandled>): Promise<void> {
    const { inboundId, professionalId, outcome, response, codes, backOn } = event.payload;
    const answer = { outcome, codes, ...(response ? { response } : {}), ...(backOn ? { backOn } : {}) };
    return this.queueReply.execute(inboundId, professionalId, answer, event.correlationId);
  }
}
