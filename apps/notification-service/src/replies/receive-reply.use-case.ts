import { Inject, Injectable } from '@nestjs/common';
import type { Model } from 'mongoose';
import { EventFactory, startsReferralSms, TOPICS } from '@haki/contracts';
import { correlationIdOrNew, type Logger } from '@haki/platform-logging';
import { toOutbox, type OutboxRelay } from '@haki/platform-messaging';
import { LOGGER } from '@haki/platform-runtime';
import { ContactBook } from '../contacts/contact-book';
import { toE164 } from '@haki/vocabulary';
import type { Sealer } from '@haki/platform-config';
import { CONTACT_SEALER, INBOUND_MESSAGES, NOTIFICATIONS_OUTBOX } from '../notification.tokens';
import type { InboundMessageDocument } from './inbound-message.model';
import { OpenConversations } from '../referrer-messages/open-conversations';
import { QueueReply } from './queue-reply.use-case';
import { parseReply } from './reply-grammar';

/** An SMS as a provider's callback delivers it. */
export interface InboundSms {
  provider: string;
  /** The provider's id for the message: a callback sent again carries the same one. */
  providerMessageId: string;
  from: string;
  text: string;
  receivedAt: Date;
}

/**
 * An SMS reached us: it is kept, and read. One that starts with HAKI, or comes from a number on no
 * contact record, is for phone intake: passed to intake sealed (`referrer.sms-received`), and kept here
 * sealed too, since it may tell of a survivor. A stranger's text that is no referral and answers no
 * question of intake's goes no further there (a stranger cannot answer an offer, and gets no answer
 * that would confirm the number is ours). From a volunteer, an unclear text gets a short how-to at
 * once; anything else goes to matching as
 * `professional.replied` with the parsed reply (no phone, no raw text), and matching decides which offer
 * it answers. The event is enqueued before the message is stored, with an id derived from the message:
 * a vendor's resend finds it stored and stops; a crash between the two stores nothing new on the resend.
 */
@Injectable()
export class ReceiveReply {
  constructor(
    @Inject(INBOUND_MESSAGES) private readonly inbound: Model<InboundMessageDocument>,
    private readonly contactBook: ContactBook,
    private readonly queueReply: QueueReply,
    @Inject(NOTIFICATIONS_OUTBOX) private readonly outbox: OutboxRelay,
    private readonly events: EventFactory,
    @Inject(CONTACT_SEALER) private readonly sealer: Sealer,
    private readonly conversations: OpenConversations,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(sms: InboundSms): Promise<void> {
    const inboundId = `${sms.provider}:${sms.providerMessageId}`;
    if (await this.inbound.exists({ _id: inboundId })) return;
    const correlationId = correlationIdOrNew();
    const professionalId = await this.contactBook.ownerOf(sms.from);
    const phone = toE164(sms.from);
    const forIntake = startsReferralSms(sms.text) || !professionalId || (phone !== undefined && (await this.conversations.isOpen(phone)));
    if (phone && forIntake) return this.passToIntake(inboundId, sms, phone, correlationId);
    if (startsReferralSms(sms.text)) return this.keepUnreadable(inboundId, sms);
    const reply = parseReply(sms.text);
    const readAs = professionalId ? reply.kind : 'unknown-sender';

    if (professionalId && reply.kind === 'unclear') {
      await this.queueReply.execute(inboundId, professionalId, { outcome: 'unclear' }, correlationId);
    } else if (professionalId && reply.kind !== 'unclear') {
      const cause = { eventId: inboundId, correlationId };
      const payload = { professionalId, inboundId, provider: sms.provider, channel: 'sms' as const, reply };
      const event = this.events.followUp(cause, {
        topic: TOPICS.professionalReplied,
        key: professionalId,
        payload,
        idSeed: `replied:${inboundId}`,
      });
      await this.outbox.enqueue([toOutbox(TOPICS.professionalReplied, event)]);
    }
    await this.inbound.create({
      _id: inboundId,
      provider: sms.provider,
      receivedAt: sms.receivedAt,
      from: toE164(sms.from) ?? sms.from,
      text: sms.text,
      readAs,
      ...(professionalId ? { professionalId } : {}),
    });
    this.outbox.kick();
    this.logger.info({ inboundId, professionalId, readAs }, 'SMS received');
  }

  /** A referral from a number no one can text back: kept, sealed (it may tell of a survivor), and read no further. */
  private async keepUnreadable(inboundId: string, sms: InboundSms): Promise<void> {
    const sealed = this.sealer.seal({ from: sms.from, text: sms.text }, inboundId);
    await this.inbound.create({ _id: inboundId, provider: sms.provider, receivedAt: sms.receivedAt, sealed, readAs: 'referral' });
    this.logger.warn({ inboundId }, 'referral SMS from a number that cannot be read: kept, not passed on');
  }

  /** For phone intake: sealed to intake, keyed by the number's fingerprint so one phone's texts keep their order. */
  private async passToIntake(inboundId: string, sms: InboundSms, phone: string, correlationId: string): Promise<void> {
    const message = this.sealer.seal({ phone, text: sms.text }, inboundId);
    const payload = { inboundId, message, receivedAt: sms.receivedAt.toISOString() };
    const cause = { eventId: inboundId, correlationId };
    const key = this.sealer.fingerprint(phone);
    const event = this.events.followUp(cause, { topic: TOPICS.referrerSmsReceived, key, payload, idSeed: `referrer-sms:${inboundId}` });
    await this.outbox.enqueue([toOutbox(TOPICS.referrerSmsReceived, event)]);
    const readAs = startsReferralSms(sms.text) ? 'referral' : 'unknown-sender';
    await this.inbound.create({ _id: inboundId, provider: sms.provider, receivedAt: sms.receivedAt, sealed: message, readAs });
    this.outbox.kick();
    this.logger.info({ inboundId, readAs }, 'SMS received for phone intake');
  }
}
