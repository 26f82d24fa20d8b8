import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { Sealer, type SealedValue } from '@haki/platform-config';
import { PHONE_INTAKE_REDIS } from '../../intake.tokens';
import type { PhoneDraft } from '../phone-draft';
import type { PendingSms } from '../sms-referral-parser';

/** A referral by SMS waiting for the referrer's answer: to a question about it, or to the consent question. */
export type SmsConversation =
  { stage: 'details'; pending: PendingSms; questions: number } | { stage: 'consent'; draft: PhoneDraft; questions: number };

/** An unanswered question is forgotten after a day: a later text starts afresh. */
const CONVERSATION_TTL_S = 24 * 3600;

/** SMS conversations in Redis, one per phone (its keyed fingerprint), sealed, expiring on their own. */
@Injectable()
export class SmsConversations {
  constructor(
    @Inject(PHONE_INTAKE_REDIS) private readonly redis: Redis,
    private readonly sealer: Sealer,
  ) {}

  async find(phoneKey: string): Promise<SmsConversation | undefined> {
    const raw = await this.redis.get(this.key(phoneKey));
    if (!raw) return undefined;
    try {
      return this.sealer.open<SmsConversation>(JSON.parse(raw) as SealedValue, phoneKey);
    } catch {
      return undefined; // sealed under a key since retired: as if it had expired
    }
  }

  async keep(phoneKey: string, conversation: SmsConversation): Promise<void> {
    await this.redis.set(this.key(phoneKey), JSON.stringify(this.sealer.seal(conversation, phoneKey)), 'EX', CONVERSATION_TTL_S);
  }

  async end(phoneKey: string): Promise<void> {
    await this.redis.del(this.key(phoneKey));
  }

  private key = (phoneKey: string) => `phone-intake:sms:${phoneKey}`;
}
