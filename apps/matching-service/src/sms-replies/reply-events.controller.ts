import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { TOPICS, type EventEnvelope } from '@haki/contracts';
import { HandleReply } from './handle-reply.use-case';

/** Kafka adapter: a volunteer's SMS reply (keyed by the professional, so one volunteer's replies apply in order). */
@Controller()
export class ReplyEvents {
  constructor(private readonly handleReply: HandleReply) {}

  @EventPattern(TOPICS.professionalReplied)
  onReplied(@Payload() event: EventEnvelope<typeof TOPICS.professionalReplied>): Promise<void> {
    return this.handleReply.execute(event);
  }
}
