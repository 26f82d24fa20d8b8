import { Inject, Injectable } from '@nestjs/common';
import type { Model } from 'mongoose';
import { z } from 'zod';
import { EventFactory, HakiError, replyCode, TOPICS } from '@haki/contracts';
import { correlationIdOrNew, type Logger } from '@haki/platform-logging';
import { insertOnce, toOutbox, type OutboxRelay } from '@haki/platform-messaging';
import { LOGGER } from '@haki/platform-runtime';
import { ContactBook } from '../contacts/contact-book';
import { NOTIFICATIONS, NOTIFICATIONS_OUTBOX, USED_LINKS } from '../notification.tokens';
import type { NotificationDocument } from '../send-offer/notification.model';
import { messageLanguage, messageText, type MessageLanguage } from '../send-offer/offer-message';
import { OfferLinks } from './offer-links';
import type { UsedLinkDocument } from './used-link.model';

export const answerForm = z.object({
  response: z.enum(['accept', 'decline']),
  reason: z.string().trim().max(200).optional(),
});

export interface LinkedOffer {
  language: MessageLanguage;
  /** The offer as its SMS words it. */
  offerText: string;
  /** Set when the link was used already. */
  usedFor?: 'accept' | 'decline';
}

/**
 * An answer given on a signed link's page. The link names the offer, and the offer's record names the
 * one professional it was made to; the answer goes to matching as `professional.replied` (channel
 * `link`), like an SMS reply, and matching applies it if the offer is still open. Single use: the
 * link's id is spent with its first answer. The event is enqueued before the link is marked used, with
 * an id derived from the link: a crash in between leaves the link usable, and using it again publishes
 * the same event, which is stored and consumed once.
 */
@Injectable()
export class AnswerByLink {
  constructor(
    private readonly links: OfferLinks,
    @Inject(NOTIFICATIONS) private readonly notifications: Model<NotificationDocument>,
    @Inject(USED_LINKS) private readonly usedLinks: Model<UsedLinkDocument>,
    private readonly contactBook: ContactBook,
    @Inject(NOTIFICATIONS_OUTBOX) private readonly outbox: OutboxRelay,
    private readonly events: EventFactory,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** What the page shows: the offer, in the volunteer's language, and whether the link is spent. */
  async show(token: string): Promise<LinkedOffer> {
    const { linkId, offer, language } = await this.open(token);
    const used = await this.usedLinks.findById(linkId).lean();
    return { language, offerText: messageText(offer, language), ...(used ? { usedFor: used.response } : {}) };
  }

  async answer(token: string, body: unknown): Promise<{ language: MessageLanguage; response: 'accept' | 'decline' }> {
    const { linkId, offer, language } = await this.open(token);
    const parsed = answerForm.safeParse(body);
    if (!parsed.success) throw HakiError.fromZod('OFFER.INVALID_RESPONSE', parsed.error);
    if (await this.usedLinks.exists({ _id: linkId })) throw new HakiError('LINK.USED', 'this link was used already');
    const { response, reason } = parsed.data;
    const inboundId = `link:${linkId}`;
    const reply = { kind: 'answer' as const, response, code: replyCode(offer.offerId), ...(reason ? { reason } : {}) };
    const payload = { professionalId: offer.professionalId, inboundId, provider: 'link', channel: 'link' as const, reply };
    const cause = { eventId: inboundId, correlationId: correlationIdOrNew() };
    const event = this.events.followUp(cause, {
      topic: TOPICS.professionalReplied,
      key: offer.professionalId,
      payload,
      idSeed: `replied:${inboundId}`,
    });
    await this.outbox.enqueue([toOutbox(TOPICS.professionalReplied, event)]);
    if (!(await insertOnce(this.usedLinks, { _id: linkId, offerId: offer.offerId, response, usedAt: new Date() }))) {
      throw new HakiError('LINK.USED', 'this link was used already');
    }
    this.outbox.kick();
    this.logger.info({ offerId: offer.offerId, referralId: offer.referralId, response }, 'answer given by link');
    return { language, response };
  }

  private async open(token: string) {
    const { offerId, linkId } = await this.links.verifyRespond(token);
    const offer = await this.notifications.findById(`sms:${offerId}`).lean();
    if (!offer) throw new HakiError('LINK.INVALID', 'this link is not valid');
    const contact = await this.contactBook.find(offer.professionalId);
    return { linkId, offer, language: messageLanguage(contact?.language) };
  }
}
