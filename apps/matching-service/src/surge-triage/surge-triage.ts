import { Inject, Injectable } from '@nestjs/common';
import { compareTriage, rolesOpenToFreedSlot } from '@haki/matching-core';
import { REFERRAL_DECISIONS, WAITING_REFERRALS } from '../matching.tokens';
import type { ReferralDecisions } from '../referral-decisions/referral-decision.model';
import { CandidateRanking } from '../roster/candidate-ranking';
import type { WaitingReferralDocument, WaitingReferrals } from './waiting-referral.model';

/** Waiting referrals whose records are read at once: one round of parallel lookups by `_id`. */
const READ_BATCH = 25;

const triageKey = (entry: WaitingReferralDocument) => ({ referralId: entry._id, ...entry });

/**
 * Surge triage in the service (matching-core's `triageOrder`, docs/decisions/0011): when a professional's
 * slot is freed, which waiting referral gets it. The first in triage order (least slack, then urgency,
 * then the longest wait) with a waiting role that professional could serve and has not been asked for.
 * Only that referral is told, so a freed slot starts one search, not one per waiting referral; if it
 * does not take the slot, its consumer passes it on to the next (ApplyReferralInput.capacityFreed).
 */
@Injectable()
export class SurgeTriage {
  constructor(
    @Inject(WAITING_REFERRALS) private readonly waiting: WaitingReferrals,
    @Inject(REFERRAL_DECISIONS) private readonly decisions: ReferralDecisions,
    private readonly ranking: CandidateRanking,
  ) {}

  /** The referral the freed slot goes to, or null when no waiting referral (outside `passedOver`) could use it. */
  async takerOfFreedSlot(
    professionalId: string,
    passedOver: readonly string[],
  ): Promise<{ referralId: string; correlationId: string } | null> {
    const skip = new Set(passedOver);
    const queue = (await this.waiting.find().lean())
      .filter((entry) => !skip.has(entry._id))
      .sort((a, b) => compareTriage(triageKey(a), triageKey(b)));
    for (let first = 0; first < queue.length; first += READ_BATCH) {
      const batch = queue.slice(first, first + READ_BATCH);
      const records = await Promise.all(
        batch.map((entry) => this.decisions.findById(entry._id, { facts: 1, policy: 1, correlationId: 1 }).lean()),
      );
      for (const record of records) {
        // The entry follows the record after its write: one that stopped waiting since has no open role.
        if (!record) continue;
        for (const role of rolesOpenToFreedSlot(record.policy, professionalId)) {
          if (await this.ranking.couldTakeFreedSlot(record.facts, role, professionalId)) {
            return { referralId: record._id, correlationId: record.correlationId };
          }
        }
      }
    }
    return null;
  }
}
