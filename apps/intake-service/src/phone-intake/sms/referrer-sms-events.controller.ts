import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { TOPICS, type EventEnvelope } from '@haki/contracts';
import { ReceiveReferrerSms } from './receive-referrer-sms.use-case';

/** referrer.sms-received (notification → intake): a referrer's SMS, read in order per phone (the event key). */
@Controller()
export class ReferrerSmsEvents {
  constructor(private readonly receive: ReceiveReferrerSms) {}

  @EventPattern(TOPICS.referrerSmsReceived)
  onReceived(@Payload() event: EventEnvelope<typeof TOPICS.referrerSmsReceived>): Promise<void> {
    return this.receive.execute(event);
  }
}
