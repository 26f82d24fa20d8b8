import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { referrerSmsSchema, startsReferralSms, TOPICS, type EventEnvelope } from '@haki/contracts';
import { Sealer } from '@haki/platform-config';
import type { Logger } from '@haki/platform-logging';
import { LOGGER } from '@haki/platform-runtime';
import { CONTACT_SEALER } from '../../intake.tokens';
import type { PhoneDraft, PhoneLanguage } from '../phone-draft';
import { PhoneLimits } from '../phone-limits';
import { ReferrerMessages } from '../referrer-messages';
import { mergeAnswer, parseSmsReferral, type SmsOutcome } from '../sms-referral-parser';
import { smsConfirmation } from '../sms-text';
import { notSavedBecause, SubmitPhoneReferral } from '../submit-phone-referral.use-case';
import { CONSENT_QUESTION, readYesNo } from './sms-consent';
import { SmsConversations, type SmsConversation } from './sms-conversations';

type Received = EventEnvelope<typeof TOPICS.referrerSmsReceived>;

/** Questions one referral may ask before Haki gives up on it by SMS and says how else to reach the network. */
const MAX_QUESTIONS = 4;

const GIVE_UP: { readonly [L in PhoneLanguage]: string } = {
  en: 'Haki: sorry, we could not take this referral by SMS. Dial *384*4242# for the menu, or call the Haki desk.',
  sw: 'Haki: samahani, hatukuweza kupokea rufaa hii kwa SMS. Piga *384*4242# kwa menyu, au piga simu kwa dawati la Haki.',
};
const NOT_SAVED: { readonly [L in PhoneLanguage]: string } = {
  en: 'Haki: sorry, we could not save this referral. Please send it again later, or dial *384*4242#.',
  sw: 'Haki: samahani, hatukuweza kuhifadhi rufaa hii. Tafadhali tuma tena baadaye, au piga *384*4242#.',
};

/**
 * A referral by SMS (issue #15), one text at a time per phone: `HAKI …` starts one (parsed forgivingly,
 * sms-referral-parser.ts); anything unclear gets one short question back, and the answer is merged in;
 * consent is asked last; then the referral goes the web form's way (SubmitPhoneReferral) and the reply
 * carries its reference. A text from a stranger that starts nothing and answers nothing is dropped
 * without a reply, so nobody learns the number is ours. Over the per-phone limit, texts are dropped too.
 */
@Injectable()
export class ReceiveReferrerSms {
  constructor(
    @Inject(CONTACT_SEALER) private readonly contactSealer: Sealer,
    private readonly sealer: Sealer,
    private readonly conversations: SmsConversations,
    private readonly limits: PhoneLimits,
    private readonly submitPhoneReferral: SubmitPhoneReferral,
    private readonly messages: ReferrerMessages,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(event: Received): Promise<void> {
    const { inboundId, message, receivedAt } = event.payload;
    const { phone, text } = referrerSmsSchema.parse(this.contactSealer.open(message, inboundId));
    const phoneKey = this.sealer.fingerprint(phone);
    try {
      await this.limits.sms(phoneKey);
    } catch {
      return this.logger.warn({ inboundId }, 'SMS over the per-phone limit: dropped');
    }
    const now = new Date(receivedAt); // a redelivery reads the text as of the same moment
    const conversation = await this.conversations.find(phoneKey);
    const turn = this.read(text, now, startsReferralSms(text) ? undefined : conversation);
    if (!turn) return this.logger.info({ inboundId }, 'SMS that starts no referral and answers no question: dropped');

    const reply = (purpose: 'question' | 'received' | 'not-understood', words: string) =>
      this.messages.send(`referrer-${purpose}:${inboundId}`, purpose, phone, words, {
        eventId: event.eventId,
        correlationId: event.correlationId,
      });
    const { outcome, questions } = turn;
    const { draft } = outcome;
    const stillAsking = outcome.kind === 'question' || draft.sharingConsent === undefined;
    if (stillAsking && questions > MAX_QUESTIONS) {
      await this.conversations.end(phoneKey);
      return reply('not-understood', GIVE_UP[draft.language]);
    }
    if (outcome.kind === 'question') {
      await this.conversations.keep(phoneKey, { stage: 'details', pending: outcome, questions });
      return reply('question', outcome.question);
    }
    if (draft.sharingConsent === undefined) {
      await this.conversations.keep(phoneKey, { stage: 'consent', draft, questions });
      return reply('question', CONSENT_QUESTION[draft.language]);
    }
    let reference: string;
    try {
      const retryKey = `sms-${createHash('sha256').update(inboundId).digest('hex').slice(0, 40)}`;
      reference = (await this.submitPhoneReferral.execute(draft, phone, now, retryKey)).reference!;
    } catch (error) {
      this.logger.warn({ inboundId, ...notSavedBecause(error) }, 'SMS referral not saved');
      return reply('not-understood', NOT_SAVED[draft.language]);
    }
    // The reply before the conversation ends: a crash between them redelivers this text, which finds its
    // referral again (the same retry key) and asks for the same reply (sent once, by its id).
    await reply('received', smsConfirmation(reference, draft.language));
    await this.conversations.end(phoneKey);
  }

  /** What this text does to the phone's conversation: a new referral, an answer to the pending question, or nothing. */
  private read(text: string, now: Date, conversation: SmsConversation | undefined): { outcome: SmsOutcome; questions: number } | undefined {
    if (!conversation) return startsReferralSms(text) ? { outcome: parseSmsReferral(text, now), questions: 1 } : undefined;
    if (conversation.stage === 'details')
      return { outcome: mergeAnswer(conversation.pending, text, now), questions: conversation.questions + 1 };
    const agreed = readYesNo(text);
    const { draft } = conversation;
    if (agreed === undefined) return { outcome: { kind: 'complete', draft }, questions: conversation.questions + 1 };
    const consent: Partial<PhoneDraft> = agreed
      ? { sharingConsent: true, consentBy: draft.referrer === 'self' ? 'survivor' : 'next-of-kin' }
      : { sharingConsent: false };
    return { outcome: { kind: 'complete', draft: { ...draft, ...consent } }, questions: conversation.questions };
  }
}
