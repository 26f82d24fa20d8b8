import { Injectable } from '@nestjs/common';
import { EventFactory, HakiError, type PayloadOf, type Topic } from '@haki/contracts';
import { correlationIdOrNew } from '@haki/platform-logging';
import { EventPublisher } from '@haki/platform-messaging';

/**
 * Sends what ops record over HTTP (an answer, progress, a withdrawal) to the referral's consumer as an
 * event keyed by the referral, under the request's correlation id. HTTP handlers never write a
 * referral themselves (docs/decisions/0004).
 */
@Injectable()
export class OpsInputPublisher {
  constructor(
    private readonly publisher: EventPublisher,
    private readonly events: EventFactory,
  ) {}

  async publish<T extends Topic>(topic: T, referralId: string, payload: PayloadOf<T>): Promise<void> {
    const envelope = this.events.create({ topic, key: referralId, correlationId: correlationIdOrNew(), payload });
    try {
      await this.publisher.publish([{ topic, envelope }]);
    } catch (error) {
      throw new HakiError('EVENT.PUBLISH_FAILED', `could not record it (${(error as Error).message}); nothing changed, try again`);
    }
  }
}
