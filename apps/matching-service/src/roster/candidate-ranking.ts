import { Inject, Injectable } from '@nestjs/common';
import type { Model } from 'mongoose';
import type { ExclusionReason, RankOptions, RankedCandidate } from '@haki/matching-core';
import type { Role } from '@haki/vocabulary';
import { PROFESSIONALS } from '../matching.tokens';
import { rankCandidates, rankForPolicy, whyNotCandidate } from '../referral-decisions/rank-candidates';
import type { ReferralFacts } from '../referral-decisions/referral-decision.model';
import { CapacityLedger } from './capacity';
import type { ProfessionalDocument } from './professional.model';
import { RosterSnapshot } from './roster-snapshot';
import { leaveKeepsAway } from './leave';
import type { RosterState } from './roster-state';

/** Whether a professional can be reserved right now, read when an offer is about to go out. */
export type Availability = { status: 'available'; capacity: number } | { status: 'gone' | 'on-leave'; capacity: number };

/** The roster as the offer policy sees it: ranked candidates for a role, and who can still be reserved. */
@Injectable()
export class CandidateRanking {
  constructor(
    @Inject(PROFESSIONALS) private readonly professionals: Model<ProfessionalDocument>,
    private readonly capacity: CapacityLedger,
    private readonly snapshot: RosterSnapshot,
  ) {}

  async rank(facts: ReferralFacts, role: Role, options: Pick<RankOptions, 'k' | 'exclude' | 'ignoreTravelPreference'> = {}) {
    const state = await this.stateFor(role, facts.referralId);
    return rankCandidates(facts, role, state, Date.now(), options) satisfies RankedCandidate[];
  }

  /** The ranked candidates for a role and whether it may wait for a slot (surge triage), from one roster read. */
  async rankForPolicy(facts: ReferralFacts, role: Role, options: Pick<RankOptions, 'k' | 'exclude' | 'ignoreTravelPreference'> = {}) {
    return rankForPolicy(facts, role, await this.stateFor(role, facts.referralId), Date.now(), options);
  }

  /**
   * Whether this professional, one of whose slots was just freed, qualifies for the role. Capacity is
   * left aside: this instance's snapshot may not count a release made elsewhere yet, and the offer's
   * reservation decides anyway. Travel preferences too, as the waiting role's search (the last widening
   * step) leaves them aside. Only they are compiled, so checking a queue of waiting referrals is cheap.
   */
  async couldTakeFreedSlot(facts: ReferralFacts, role: Role, professionalId: string): Promise<boolean> {
    const roster = await this.snapshot.forRole(role);
    const alone = {
      ...roster,
      professionals: roster.professionals.filter((doc) => doc._id === professionalId),
      holders: new Set<string>(),
    };
    return whyNotCandidate(facts, role, alone, professionalId, Date.now(), { ignoreCapacity: true, ignoreTravelPreference: true }) === null;
  }

  /** Why ranking would leave this professional out of the role now, or null when they are eligible. */
  async whyNotEligible(facts: ReferralFacts, role: Role, professionalId: string): Promise<ExclusionReason | 'not-in-roster' | null> {
    const state = await this.stateFor(role, facts.referralId);
    const reason = whyNotCandidate(facts, role, state, professionalId, Date.now());
    // The roster read holds only this role's professionals: someone active but absent from it lacks the role.
    if (reason !== 'not-in-roster') return reason;
    return (await this.professionals.findById(professionalId, { active: 1 }).lean())?.active ? 'role' : reason;
  }

  private async stateFor(role: Role, referralId: string): Promise<RosterState> {
    const [roster, holders] = await Promise.all([this.snapshot.forRole(role), this.capacity.holders(referralId)]);
    return { ...roster, holders };
  }

  /**
   * Someone ranked earlier may have left the roster or gone on leave since (ops changed the roster while
   * the referral waited for its turn): the offer must not go out to them, unless the leave ends before
   * the referral's deadline, which the ranking counts as wait (leave.ts).
   */
  async availabilityOf(professionalId: string, now = Date.now(), deadline?: number): Promise<Availability> {
    const professional = await this.professionals.findById(professionalId, { active: 1, capacity: 1, timeOff: 1 }).lean();
    if (!professional?.active) return { status: 'gone', capacity: 0 };
    const away = leaveKeepsAway(professional.timeOff ?? [], now, deadline);
    return { status: away ? 'on-leave' : 'available', capacity: professional.capacity };
  }
}
