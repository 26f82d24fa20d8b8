import { Inject, Injectable } from '@nestjs/common';
import type { Model } from 'mongoose';
import { EventFactory, TOPICS, type EventEnvelope } from '@haki/contracts';
import type { Role } from '@haki/vocabulary';
import type { RankedCandidate } from '@haki/matching-core';
import type { Logger } from '@haki/platform-logging';
import { insertOnce, toOutbox, type OutboxRelay } from '@haki/platform-messaging';
import { FaultInjector, LOGGER, SERVICE_CONFIG } from '@haki/platform-runtime';
import type { MatchingConfig } from '../config';
import { releaseSlotsExcept, reserveCapacity, type CapacitySlots } from '../roster/capacity';
import type { ProfessionalDocument } from '../roster/professional.model';
import { loadRosterState } from '../roster/roster-state';
import { CAPACITY_SLOTS, MATCHING_OUTBOX, MATCHING_REFERRALS, PROFESSIONALS } from '../matching.tokens';
import type { MatchingReferralDocument } from './matching-referral.model';
import { rankCandidates } from './rank-candidates';

type Submitted = EventEnvelope<typeof TOPICS.referralSubmitted>;
const BEFORE_DEADLINE = ' and can start before the deadline';

/**
 * referral.submitted → reserve the best-ranked professional (matching-core) of the lead role and
 * offer the case (assignment.offered), or escalate to ops when nobody eligible has capacity.
 * Safe to run twice for the same event (redelivery, crash mid-way): the referral record is created
 * once, a reservation is idempotent and preferred on retry, and the offer is written only while the
 * referral is still unmatched, with a deterministic event id. One referral's events are handled one
 * at a time (same Kafka key, same partition), so its record has a single writer.
 */
@Injectable()
export class MatchReferral {
  constructor(
    @Inject(MATCHING_REFERRALS) private readonly referrals: Model<MatchingReferralDocument>,
    @Inject(PROFESSIONALS) private readonly professionals: Model<ProfessionalDocument>,
    @Inject(CAPACITY_SLOTS) private readonly slots: CapacitySlots,
    @Inject(MATCHING_OUTBOX) private readonly outbox: OutboxRelay,
    @Inject(SERVICE_CONFIG) private readonly config: MatchingConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly events: EventFactory,
    private readonly faults: FaultInjector,
  ) {}

  async execute(event: Submitted): Promise<void> {
    const { referralId, rolesNeeded, coarseLocation } = event.payload;
    const role = rolesNeeded[0]!;
    // Insert-only: a redelivered event must not rewrite a referral another step is updating.
    await insertOnce(this.referrals, {
      _id: referralId,
      state: 'matching',
      serviceType: event.payload.serviceType,
      urgency: event.payload.urgency,
      role,
      countyName: event.payload.countyName,
      coarseLocation,
      offers: [],
      outbox: [],
    });
    const referral = await this.referrals.findById(referralId).lean();
    if (referral && referral.state !== 'matching') {
      // Already decided by an earlier delivery, which may have crashed before tidying its slots.
      return this.releaseStaleSlots(referral);
    }

    const roster = await loadRosterState(this.professionals, this.slots, role, referralId, this.logger);
    const capacityOf = new Map(roster.professionals.map((p) => [p._id, p.capacity]));
    for (const candidate of rankCandidates(event.payload, role, roster, Date.now())) {
      const professional = { _id: candidate.professionalId, capacity: capacityOf.get(candidate.professionalId)! };
      if (!(await reserveCapacity(this.slots, professional, referralId))) continue;
      this.faults.reach('matching.after-reserve');
      await this.offer(event, role, candidate);
      return;
    }
    await this.escalate(event, role);
  }

  private async offer(event: Submitted, role: Role, candidate: RankedCandidate): Promise<void> {
    const { referralId } = event.payload;
    const professionalId = candidate.professionalId;
    const offerId = `${referralId}:${professionalId}`;
    const expiresAt = new Date(Date.now() + this.config.OFFER_TTL_MS);
    const offered = this.events.followUp(event, {
      topic: TOPICS.assignmentOffered,
      idSeed: `offered:${offerId}`,
      key: referralId,
      payload: {
        referralId,
        offerId,
        professionalId,
        role,
        serviceType: event.payload.serviceType,
        urgency: event.payload.urgency,
        countyName: event.payload.countyName,
        rationale: candidate.summary,
        expiresAt: expiresAt.toISOString(),
      },
    });
    const written = await this.referrals.updateOne(
      { _id: referralId, state: 'matching' },
      {
        $set: { state: 'offered' },
        $push: { offers: { offerId, professionalId, role, expiresAt }, outbox: toOutbox(TOPICS.assignmentOffered, offered) },
      },
    );
    const current = await this.referrals.findById(referralId).lean();
    if (current) await this.releaseStaleSlots(current);
    if (written.modifiedCount === 0) return; // another delivery of this event decided first
    this.outbox.kick();
    this.logger.info({ referralId, offerId, professionalId, role, score: candidate.score }, 'offer made');
  }

  private async escalate(event: Submitted, role: Role): Promise<void> {
    const { referralId } = event.payload;
    const escalated = this.events.followUp(event, {
      topic: TOPICS.referralEscalated,
      idSeed: `escalated:${referralId}`,
      key: referralId,
      payload: {
        referralId,
        role,
        reason: `no eligible ${role.replace('-', ' ')} has free capacity${event.payload.deadline ? BEFORE_DEADLINE : ''}`,
      },
    });
    await this.referrals.updateOne(
      { _id: referralId, state: 'matching' },
      { $set: { state: 'escalated' }, $push: { outbox: toOutbox(TOPICS.referralEscalated, escalated) } },
    );
    await releaseSlotsExcept(this.slots, referralId, undefined);
    this.outbox.kick();
    this.logger.warn({ referralId, role }, 'no professional available: escalated to ops');
  }

  /** Keeps only the offered professional's slot (none once escalated). */
  private releaseStaleSlots(referral: MatchingReferralDocument): Promise<void> {
    return releaseSlotsExcept(this.slots, referral._id, referral.offers.at(-1)?.professionalId);
  }
}
