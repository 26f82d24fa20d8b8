import { Inject, Injectable } from '@nestjs/common';
import type { Model } from 'mongoose';
import { EventFactory, HakiError, TOPICS, type EventEnvelope, type PayloadOf } from '@haki/contracts';
import type { Logger } from '@haki/platform-logging';
import { EventPublisher, type OutgoingEvent } from '@haki/platform-messaging';
import { LOGGER } from '@haki/platform-runtime';
import { PROFESSIONALS, REFERRAL_DECISIONS } from '../matching.tokens';
import type { ReferralDecisions } from '../referral-decisions/referral-decision.model';
import { RosterChanges } from '../roster-admin/roster-changes';
import { CapacityLedger } from '../roster/capacity';
import type { ProfessionalDocument } from '../roster/professional.model';
import { pickOffer, type OpenOffer } from './pick-offer';

type Replied = EventEnvelope<typeof TOPICS.professionalReplied>;
type Handled = Omit<PayloadOf<typeof TOPICS.professionalReplyHandled>, 'professionalId' | 'inboundId'>;

/**
 * A volunteer's SMS reply, in order with their other replies (events keyed by the professional):
 * - an answer goes to the one open offer of theirs it names (pick-offer.ts) as `assignment.responded`,
 *   keyed by the referral, whose consumer applies it like an answer ops record (an offer that closed
 *   meanwhile ignores it). Their open offers are found through the capacity slots they hold: at most
 *   20 lookups by `_id`, and the referrals those name. An offer made to someone else is never among
 *   them, so nobody can answer an offer sent to another phone.
 * - AWAY n / BACK set or end their time off from the moment they texted, through the roster's usual
 *   change (which also reaches referrals they hold, as an ops change would).
 * Then `professional.reply-handled` tells notification what to say back. Event ids derive from the
 * inbound message, so a redelivery republishes the same events, which consumers drop.
 */
@Injectable()
export class HandleReply {
  constructor(
    private readonly capacity: CapacityLedger,
    @Inject(REFERRAL_DECISIONS) private readonly decisions: ReferralDecisions,
    @Inject(PROFESSIONALS) private readonly professionals: Model<ProfessionalDocument>,
    private readonly rosterChanges: RosterChanges,
    private readonly publisher: EventPublisher,
    private readonly events: EventFactory,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(event: Replied): Promise<void> {
    const { professionalId, inboundId, provider, channel, reply } = event.payload;
    const out: OutgoingEvent[] = [];
    let handled: Handled;
    if (reply.kind === 'answer') {
      const target = pickOffer(await this.openOffersOf(professionalId), reply.code);
      if (target.kind === 'offer') {
        const { referralId, offerId } = target.offer;
        const payload = { referralId, offerId, professionalId, response: reply.response, channel, recordedBy: provider };
        out.push(
          this.followUp(event, TOPICS.assignmentResponded, referralId, { ...payload, ...(reply.reason ? { reason: reply.reason } : {}) }),
        );
        handled = { outcome: 'answer-recorded', response: reply.response, codes: [target.code] };
      } else {
        handled = { outcome: target.kind === 'none' ? 'no-open-offer' : 'several-open-offers', codes: target.codes };
      }
    } else {
      handled = await this.setTimeOff(professionalId, reply.kind === 'away' ? reply.days : 0, Date.parse(event.occurredAt));
    }
    out.push(this.followUp(event, TOPICS.professionalReplyHandled, professionalId, { professionalId, inboundId, ...handled }));
    await this.publisher.publish(out);
    this.logger.info({ professionalId, inboundId, outcome: handled.outcome }, 'SMS reply handled');
  }

  /** The offers open to this professional now, from the referrals holding their capacity slots. */
  private async openOffersOf(professionalId: string): Promise<OpenOffer[]> {
    const referralIds = await this.capacity.referralsOf(professionalId);
    const records = await Promise.all(referralIds.map((id) => this.decisions.findById(id, { 'policy.offers': 1 }).lean()));
    return records.flatMap((record) =>
      (record?.policy.offers ?? [])
        .filter((offer) => offer.professionalId === professionalId && offer.status === 'open')
        .map((offer) => ({ referralId: record!._id, offerId: offer.offerId })),
    );
  }

  /**
   * `days` > 0: away from `at` for that many days; 0: back at `at` (time off covering it ends then).
   * Idempotent for a redelivered event: `at` is when they texted, and an identical period is not added twice.
   */
  private async setTimeOff(professionalId: string, days: number, at: number): Promise<Handled> {
    const found = await this.professionals.findById(professionalId).lean();
    if (!found) throw new HakiError('ROSTER.PROFESSIONAL_NOT_FOUND', `no professional ${professionalId}`);
    const { outbox: _, ...profile } = found;
    const now = new Date(at).toISOString();
    const timeOff = (profile.timeOff ?? []).map((off) => ({ from: String(off.from), to: String(off.to) }));
    if (days === 0) {
      const ended = timeOff.map((off) => (Date.parse(off.from) <= at && at < Date.parse(off.to) ? { ...off, to: now } : off));
      await this.rosterChanges.save({ ...profile, timeOff: ended }, undefined, { create: false });
      return { outcome: 'back-set', codes: [] };
    }
    const until = new Date(at + days * 86_400_000).toISOString();
    if (!timeOff.some((off) => off.from === now && off.to === until)) {
      await this.rosterChanges.save({ ...profile, timeOff: [...timeOff, { from: now, to: until }] }, undefined, { create: false });
    }
    return { outcome: 'away-set', codes: [], backOn: nairobiDate(until) };
  }

  private followUp<T extends typeof TOPICS.assignmentResponded | typeof TOPICS.professionalReplyHandled>(
    cause: Replied,
    topic: T,
    key: string,
    payload: PayloadOf<T>,
  ): OutgoingEvent {
    return { topic, envelope: this.events.followUp(cause, { topic, key, payload, idSeed: `${topic}:${cause.payload.inboundId}` }) };
  }
}

/** The calendar day in Kenya (YYYY-MM-DD) of an instant. */
const nairobiDate = (iso: string): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Nairobi' }).format(new Date(iso));
