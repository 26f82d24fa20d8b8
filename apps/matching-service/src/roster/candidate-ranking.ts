import { Inject, Injectable } from '@nestjs/common';
import type { Model } from 'mongoose';
import type { RankOptions, RankedCandidate } from '@haki/matching-core';
import type { Logger } from '@haki/platform-logging';
import { LOGGER } from '@haki/platform-runtime';
import type { Role } from '@haki/vocabulary';
import { CAPACITY_SLOTS, PROFESSIONALS } from '../matching.tokens';
import { rankCandidates } from '../referral-decisions/rank-candidates';
import type { ReferralFacts } from '../referral-decisions/referral-decision.model';
import type { CapacitySlots } from './capacity';
import type { ProfessionalDocument } from './professional.model';
import { loadRosterState } from './roster-state';

/** The roster as the offer policy sees it: ranked candidates for a role, and who can still be reserved. */
@Injectable()
export class CandidateRanking {
  constructor(
    @Inject(PROFESSIONALS) private readonly professionals: Model<ProfessionalDocument>,
    @Inject(CAPACITY_SLOTS) private readonly slots: CapacitySlots,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async rank(facts: ReferralFacts, role: Role, options: Pick<RankOptions, 'k' | 'exclude' | 'ignoreTravelPreference'> = {}) {
    const state = await loadRosterState(this.professionals, this.slots, role, facts.referralId, this.logger);
    return rankCandidates(facts, role, state, Date.now(), options) satisfies RankedCandidate[];
  }

  /** The professional's capacity, or undefined when they left the roster since they were ranked. */
  async capacityOf(professionalId: string): Promise<number | undefined> {
    const professional = await this.professionals.findById(professionalId).lean();
    return professional?.active ? professional.capacity : undefined;
  }
}
