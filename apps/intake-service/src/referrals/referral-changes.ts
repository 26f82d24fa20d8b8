import { Inject, Injectable } from '@nestjs/common';
import type { Model, UpdateQuery } from 'mongoose';
import { createEvent, deterministicEventId, EventFactory, HakiError, type PayloadOf, type Topic } from '@haki/contracts';
import { correlationIdOrNew } from '@haki/platform-logging';
import { toOutbox, type OutboxRelay } from '@haki/platform-messaging';
import { REFERRALS, REFERRALS_OUTBOX } from '../intake.tokens';
import type { ReferralDocument } from './referral.model';

export interface ReferralEvent<T extends Topic = Topic> {
  topic: T;
  /** The event's key: the referral's id, or the case it joins. */
  key: string;
  payload: PayloadOf<T>;
  /** Names the step (`amended:<id>:<version>`): a retried step makes the very same event, which consumers drop. */
  idSeed: string;
}

/**
 * Every change to a stored referral after its submission (a duplicate decided, an amendment, a
 * withdrawal) goes through here. Its event is enqueued first, then the referral is updated on the
 * condition that nobody changed it since it was read (its `version`), then the event is published.
 * A crash between the two writes publishes an event of a change that was not written; the retry
 * writes it and enqueues the same event id, which consumers drop.
 *
 * A referral whose submission event is still in its own outbox is refused for a moment (503): the
 * relay's `$pullAll` on that document must not meet another update (FerretDB 1.24 does not make two
 * updates of one document atomic against each other, docs/decisions/0001). Once announced, the relay
 * never writes to the document again.
 */
@Injectable()
export class ReferralChanges {
  constructor(
    @Inject(REFERRALS) private readonly referrals: Model<ReferralDocument>,
    @Inject(REFERRALS_OUTBOX) private readonly outbox: OutboxRelay,
    private readonly events: EventFactory,
  ) {}

  async apply(referral: ReferralDocument, set: UpdateQuery<ReferralDocument>['$set'], event?: ReferralEvent): Promise<void> {
    if (referral.outbox.length) throw new HakiError('REFERRAL.ANNOUNCING', `referral ${referral._id} is still being announced; try again`);
    if (event) {
      const envelope = createEvent({
        topic: event.topic,
        key: event.key,
        payload: event.payload,
        producer: this.events.producer,
        correlationId: correlationIdOrNew(),
        eventId: deterministicEventId(event.idSeed),
      });
      await this.outbox.enqueue([toOutbox(event.topic, envelope)]);
    }
    const version = referral.version ?? 1;
    const unchanged = referral.version === undefined ? { version: { $exists: false } } : { version };
    // A field set to undefined (a deadline an amendment removed) is unset, not stored as null.
    const entries = Object.entries(set ?? {});
    const $unset = Object.fromEntries(entries.filter(([, value]) => value === undefined).map(([field]) => [field, 1]));
    const $set = { ...Object.fromEntries(entries.filter(([, value]) => value !== undefined)), version: version + 1 };
    const { modifiedCount } = await this.referrals.updateOne(
      { _id: referral._id, status: referral.status, ...unchanged },
      Object.keys($unset).length ? { $set, $unset } : { $set },
    );
    if (modifiedCount === 0) throw new HakiError('REFERRAL.AMENDED_MEANWHILE', `referral ${referral._id} was changed a moment ago`);
    this.outbox.kick();
  }
}
