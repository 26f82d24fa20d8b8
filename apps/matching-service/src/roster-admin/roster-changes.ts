import { Inject, Injectable } from '@nestjs/common';
import type { Model } from 'mongoose';
import { EventFactory, TOPICS, type ContactDetails } from '@haki/contracts';
import type { Sealer } from '@haki/platform-config';
import { correlationIdOrNew } from '@haki/platform-logging';
import { toOutbox, type OutboxEntry, type OutboxRelay } from '@haki/platform-messaging';
import { CONTACT_SEALER, PROFESSIONALS, ROSTER_OUTBOX } from '../matching.tokens';
import { CapacityLedger } from '../roster/capacity';
import type { ProfessionalDocument } from '../roster/professional.model';
import { RosterSnapshot } from '../roster/roster-snapshot';
import { SurgeTriage } from '../surge-triage/surge-triage';
import { unavailableNow } from './professional-profile';

type StoredProfile = Omit<ProfessionalDocument, 'outbox'>;

/**
 * Writes roster changes and the events they cause (enqueued on the roster's outbox relay just before the change):
 * their contact details sealed for the notification service, and, when the change makes
 * them unavailable now (deactivated, on leave), `referral.professional-unavailable` for every referral
 * on which they hold an offer or an assignment (their capacity slots say which), so its consumer moves
 * on.
 */
@Injectable()
export class RosterChanges {
  constructor(
    @Inject(PROFESSIONALS) private readonly professionals: Model<ProfessionalDocument>,
    private readonly capacity: CapacityLedger,
    @Inject(CONTACT_SEALER) private readonly sealer: Sealer,
    private readonly events: EventFactory,
    @Inject(ROSTER_OUTBOX) private readonly outbox: OutboxRelay,
    private readonly snapshot: RosterSnapshot,
    private readonly triage: SurgeTriage,
  ) {}

  /** Writes the whole profile (fields absent from it are removed), with its events. */
  async save(profile: StoredProfile, contact: ContactDetails | undefined, options: { create: boolean }): Promise<void> {
    const id = profile._id;
    const outbox = [...(contact ? [this.contactChanged(id, contact)] : []), ...(await this.unavailability(profile))];
    // The events first, in the relay's pending collection, not on the professional: on FerretDB 1.24
    // clearing a published outbox rewrites the whole document (its issue #3040) and lost a concurrent
    // change that way. Before the change, so a crash between can publish a change ops were told failed
    // (and will repeat), never lose one they were told succeeded.
    await this.outbox.enqueue(outbox);
    if (options.create) await this.professionals.create(profile);
    else {
      const { _id, ...fields } = profile;
      const absent = OPTIONAL_FIELDS.filter((field) => fields[field] === undefined);
      await this.professionals.updateOne(
        { _id: id },
        { $set: fields, ...(absent.length ? { $unset: Object.fromEntries(absent.map((field) => [field, 1])) } : {}) },
      );
    }
    this.snapshot.invalidate();
    // After the write, so the referral told of a slot finds the professional as they are now. A crash
    // just before this loses only the nudge: the referral waits for the next freed slot or its window.
    await this.outbox.enqueue(await this.slotsOpened(profile));
    this.outbox.kick();
  }

  /**
   * Surge triage for capacity that appears without a release: someone new, back from leave, or given
   * more slots. Each slot free now goes to a different waiting referral, the first in triage order they
   * could serve (`referral.capacity-freed`; one that does not take it passes it on).
   */
  async slotsOpened(profile: StoredProfile): Promise<OutboxEntry[]> {
    if (unavailableNow(profile, Date.now())) return [];
    const told: OutboxEntry[] = [];
    const passedOver: string[] = [];
    let free: number | undefined;
    for (;;) {
      const taker = await this.triage.takerOfFreedSlot(profile._id, passedOver);
      if (!taker) return told;
      free ??= profile.capacity - (await this.capacity.referralsOf(profile._id)).length;
      if (told.length >= free) return told;
      const payload = { referralId: taker.referralId, professionalId: profile._id, passedOver: [...passedOver] };
      const event = this.events.create({
        topic: TOPICS.referralCapacityFreed,
        key: taker.referralId,
        correlationId: taker.correlationId,
        payload,
      });
      told.push(toOutbox(TOPICS.referralCapacityFreed, event));
      passedOver.push(taker.referralId);
    }
  }

  /** The events of a professional written by an import (which keeps its own record of them). */
  contactChanged(professionalId: string, contact: ContactDetails): OutboxEntry {
    const event = this.events.create({
      topic: TOPICS.professionalContactChanged,
      key: professionalId,
      correlationId: correlationIdOrNew(),
      payload: { professionalId, contact: this.sealer.seal(contact, professionalId) },
    });
    return toOutbox(TOPICS.professionalContactChanged, event);
  }

  private async unavailability(profile: StoredProfile): Promise<OutboxEntry[]> {
    const reason = unavailableNow(profile, Date.now());
    if (!reason) return [];
    const referralIds = await this.capacity.referralsOf(profile._id);
    return referralIds.map((referralId) => {
      const payload = { referralId, professionalId: profile._id, reason };
      const event = this.events.create({
        topic: TOPICS.referralProfessionalUnavailable,
        key: referralId,
        correlationId: correlationIdOrNew(),
        payload,
      });
      return toOutbox(TOPICS.referralProfessionalUnavailable, event);
    });
  }
}

/** Profile fields a write may leave out; a full update removes them when absent. */
const OPTIONAL_FIELDS = ['schedule', 'monthlyCap'] as const;
