import { Inject, Injectable } from '@nestjs/common';
import { EventFactory, TOPICS, type EventCause, type PayloadOf } from '@haki/contracts';
import type { Sealer } from '@haki/platform-config';
import { EventPublisher } from '@haki/platform-messaging';
import { CONTACT_SEALER } from '../intake.tokens';

type Purpose = PayloadOf<typeof TOPICS.referrerMessageRequested>['purpose'];

/**
 * Texts a phone referrer through the notification service (`referrer.message-requested`), number and
 * text sealed with the contact keys. The message id comes from what caused it (`referrer-question:<sms>`,
 * `referrer-accepted:<referral>`): asked twice, by a redelivery or a retry, it is sent once.
 */
@Injectable()
export class ReferrerMessages {
  constructor(
    @Inject(CONTACT_SEALER) private readonly sealer: Sealer,
    private readonly publisher: EventPublisher,
    private readonly events: EventFactory,
  ) {}

  async send(messageId: string, purpose: Purpose, phone: string, text: string, cause: EventCause): Promise<void> {
    const message = this.sealer.seal({ phone, text }, messageId);
    const key = this.sealer.fingerprint(phone);
    const envelope = this.events.followUp(cause, {
      topic: TOPICS.referrerMessageRequested,
      key,
      payload: { messageId, purpose, message },
      idSeed: messageId,
    });
    await this.publisher.publish([{ topic: TOPICS.referrerMessageRequested, envelope }]);
  }
}
