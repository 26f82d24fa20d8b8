import { Injectable } from '@nestjs/common';
import type { PhoneDraft } from '../phone-draft';
import { SealedRedis } from '../sealed-redis';
import type { PendingSms } from '../sms-referral-parser';

/** A referral by SMS waiting for the referrer's answer: to a question about it, or to the consent question. */
export type SmsConversation =
  { stage: 'details'; pending: PendingSms; questions: number } | { stage: 'consent'; draft: PhoneDraft; questions: number };

/** An unanswered question is forgotten after a day: a later text starts afresh. */
const CONVERSATION_TTL_S = 24 * 3600;

/** SMS conversations, one per phone (its keyed fingerprint). */
@Injectable()
export class SmsConversations {
  constructor(private readonly store: SealedRedis) {}

  find(phoneKey: string): Promise<SmsConversation | undefined> {
    return this.store.get<SmsConversation>(this.key(phoneKey), phoneKey);
  }

  keep(phoneKey: string, conversation: SmsConversation): Promise<void> {
    return this.store.set(this.key(phoneKey), phoneKey, conversation, CONVERSATION_TTL_S);
  }

  end(phoneKey: string): Promise<void> {
    return this.store.delete(this.key(phoneKey));
  }

  private key = (phoneKey: string) => `phone-intake:sms:${phoneKey}`;
}
