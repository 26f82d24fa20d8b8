import { Inject, Injectable } from '@nestjs/common';
import { Schema, type Connection, type Model } from 'mongoose';
import {
  createEvent,
  deterministicEventId,
  EventFactory,
  HakiError,
  type EventEnvelope,
  type PayloadOf,
  type Topic,
} from '@haki/contracts';
import { correlationIdOrNew, currentTraceparent } from '@haki/platform-logging';
import { insertOnce, toOutbox, type OutboxRelay } from '@haki/platform-messaging';
import { createModel } from '@haki/platform-runtime';
import { REFERRAL_CHANGES, REFERRALS, REFERRALS_OUTBOX } from '../intake.tokens';
import type { ReferralDocument } from './referral.model';

export interface ReferralEvent<T extends Topic = Topic> {
  topic: T;
  /** The event's key: the referral's id, or the case it joins. */
  key: string;
  payload: PayloadOf<T>;
  /** Names the step (`amended:<id>:<version>`), so completing a claimed change again makes the very same event. */
  idSeed: string;
}

/** One change of one referral, claimed before it is made: `<referral id>#<version it makes>`, insert-only. */
export interface ReferralChangeDocument {
  _id: string;
  referralId: string;
  /** The version the change was made from. */
  from: number;
  /** The fields it sets, and those it removes. */
  set: Record<string, unknown>;
  unset: Record<string, 1>;
  event?: { topic: Topic; envelope: EventEnvelope };
  by: string;
  at: Date;
}

const changeSchema = new Schema<ReferralChangeDocument>(
  { _id: String, referralId: String, from: Number, set: Object, unset: Object, event: Object, by: String, at: Date },
  { versionKey: false, minimize: false },
);
export const referralChangeModel = (connection: Connection): Promise<Model<ReferralChangeDocument>> =>
  createModel(connection, 'ReferralChange', changeSchema, 'referral_changes');

/**
 * Every change to a stored referral after its submission (a duplicate decided, an amendment, a
 * withdrawal) goes through here, one version at a time. The change is first claimed by inserting
 * `<referral id>#<next version>` (an insert against a unique `_id` is atomic on FerretDB too, where two
 * conditional updates of one document are not: docs/decisions/0001): of two staff changing the same
 * version at once, exactly one claims it, and only that one's event is ever enqueued. The claim then
 * carries the change out: its event enqueued (a fixed id), the referral updated to the next version,
 * the event published. A crash in between leaves a claim that the next change of the referral (or the
 * retry) finds and completes before answering 409, so nothing is half-done for long and nothing is
 * published twice.
 *
 * A referral whose submission event is still in its own outbox is refused for a moment (503): the
 * relay's `$pullAll` on that document must not meet another update. Once announced, the relay never
 * writes to the document again.
 */
@Injectable()
export class ReferralChanges {
  constructor(
    @Inject(REFERRALS) private readonly referrals: Model<ReferralDocument>,
    @Inject(REFERRAL_CHANGES) private readonly changes: Model<ReferralChangeDocument>,
    @Inject(REFERRALS_OUTBOX) private readonly outbox: OutboxRelay,
    private readonly events: EventFactory,
  ) {}

  async apply(referral: ReferralDocument, set: Record<string, unknown>, by: string, event?: ReferralEvent): Promise<void> {
    if (referral.outbox.length) throw new HakiError('REFERRAL.ANNOUNCING', `referral ${referral._id} is still being announced; try again`);
    const from = referral.version ?? 1;
    const entries = Object.entries(set);
    const change: ReferralChangeDocument = {
      _id: `${referral._id}#${from + 1}`,
      referralId: referral._id,
      from,
      // A field set to undefined (a deadline an amendment removed) is unset, not stored as null.
      set: Object.fromEntries(entries.filter(([, value]) => value !== undefined)),
      unset: Object.fromEntries(entries.filter(([, value]) => value === undefined).map(([field]) => [field, 1 as const])),
      ...(event ? { event: { topic: event.topic, envelope: this.envelope(event) } } : {}),
      by,
      at: new Date(),
    };
    if (!(await insertOnce(this.changes, change))) {
      // Someone else claimed this version: make sure their change is complete, then tell this caller.
      const claimed = await this.changes.findById(change._id).lean();
      if (claimed) await this.complete(claimed);
      throw new HakiError('REFERRAL.AMENDED_MEANWHILE', `referral ${referral._id} was changed a moment ago`);
    }
    await this.complete(change);
  }

  private envelope(event: ReferralEvent): EventEnvelope {
    return createEvent({
      topic: event.topic,
      key: event.key,
      payload: event.payload,
      producer: this.events.producer,
      correlationId: correlationIdOrNew(),
      eventId: deterministicEventId(event.idSeed),
      traceparent: currentTraceparent(),
    });
  }

  /**
   * Carries a claimed change out; doing it again changes nothing (the same event id; the update only
   * while the referral is still at the version the change was made from). The version is read and the
   * update made by bare `_id`: a filter on `_id` and `version` would read the whole collection on
   * FerretDB (docs/performance.md), and the claim already makes this the only change of that version.
   */
  private async complete(change: ReferralChangeDocument): Promise<void> {
    if (change.event) await this.outbox.enqueue([toOutbox(change.event.topic, change.event.envelope)]);
    const current = await this.referrals.findById(change.referralId, { version: 1 }).lean();
    if (current && (current.version ?? 1) === change.from) {
      const update = {
        $set: { ...change.set, version: change.from + 1 },
        ...(Object.keys(change.unset).length ? { $unset: change.unset } : {}),
      };
      await this.referrals.updateOne({ _id: change.referralId }, update);
    }
    this.outbox.kick();
  }
}
