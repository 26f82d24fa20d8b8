import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { HakiError, roleSchema, TOPICS } from '@haki/contracts';
import { holdsCapacity } from '@haki/matching-core';
import type { Logger } from '@haki/platform-logging';
import { LOGGER } from '@haki/platform-runtime';
import type { Role } from '@haki/vocabulary';
import { REFERRAL_DECISIONS } from '../matching.tokens';
import { OpsInputPublisher } from '../offer-updates/ops-input-publisher';
import type { ReferralDecisions } from '../referral-decisions/referral-decision.model';
import { openReferralNeeding } from './open-referral';
import { CandidateRanking } from '../roster/candidate-ranking';
import { recordedBy } from '../ops-request';

export const assignmentRequest = z
  .object({
    role: roleSchema,
    professionalId: z.string().trim().min(1, 'is required').max(100),
    /** Why ops assign someone the ranking would not offer the role to (required only then). */
    overrideReason: z.string().trim().min(1).max(500).optional(),
    recordedBy,
  })
  .strict();

export interface RecordedAssignment {
  referralId: string;
  role: Role;
  professionalId: string;
  /** The ranking's reason this professional was not eligible (the override was recorded), or null. */
  notEligibleBecause: string | null;
  status: 'recorded';
}

/**
 * Ops give a role to a professional who agreed by phone: after an escalation, in place of open offers,
 * or in place of an earlier assignee (reassignment). The checks here answer at once with what is
 * wrong; the assignment itself travels as `assignment.requested` to the referral's consumer (one
 * writer per referral), which reserves a slot, cancels whoever held the role and confirms.
 * Capacity is never overridden (the volunteers' protection against burnout), nor the role itself: a
 * clinician is not made a pathologist by an override.
 */
@Injectable()
export class AssignProfessional {
  constructor(
    @Inject(REFERRAL_DECISIONS) private readonly decisions: ReferralDecisions,
    private readonly ranking: CandidateRanking,
    private readonly inputs: OpsInputPublisher,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(referralId: string, body: unknown): Promise<RecordedAssignment> {
    const parsed = assignmentRequest.safeParse(body);
    if (!parsed.success) throw HakiError.fromZod('ASSIGNMENT.INVALID', parsed.error);
    const { role, professionalId, overrideReason, recordedBy } = parsed.data;
    const record = await openReferralNeeding(this.decisions, referralId, role);
    const elsewhere = record.policy.offers.find((o) => o.professionalId === professionalId && holdsCapacity(o.status) && o.role !== role);
    if (elsewhere) throw new HakiError('ASSIGNMENT.UNAVAILABLE', `${professionalId} is already ${elsewhere.role} on this referral`);
    const availability = await this.ranking.availabilityOf(professionalId);
    if (availability.status === 'gone') throw new HakiError('ASSIGNMENT.UNAVAILABLE', `${professionalId} is not an active professional`);

    const holdsThisReferral = record.policy.offers.some((o) => o.professionalId === professionalId && holdsCapacity(o.status));
    const reason = await this.ranking.whyNotEligible(record.facts, role, professionalId);
    if (reason === 'capacity' && !holdsThisReferral) {
      throw new HakiError('ASSIGNMENT.UNAVAILABLE', `${professionalId} is at capacity; free a slot (complete an assignment) first`);
    }
    if (reason === 'role')
      throw new HakiError('ASSIGNMENT.UNAVAILABLE', `${professionalId} does not hold the role ${role}; change their profile first`);
    if (reason && reason !== 'capacity' && !overrideReason) {
      throw new HakiError(
        'ASSIGNMENT.NOT_ELIGIBLE',
        `${professionalId} is not eligible as ${role}: ${reason}; give overrideReason to assign anyway`,
        {
          fields: [{ field: 'overrideReason', reason: `required: the ranking excludes ${professionalId} (${reason})` }],
        },
      );
    }
    const notEligibleBecause = reason && reason !== 'capacity' ? reason : null;
    await this.inputs.publish(TOPICS.assignmentRequested, referralId, {
      referralId,
      role,
      professionalId,
      recordedBy,
      ...(overrideReason && notEligibleBecause ? { overrideReason, notEligibleBecause } : {}),
    });
    this.logger.info({ referralId, role, professionalId, override: Boolean(notEligibleBecause) }, 'assignment recorded');
    return { referralId, role, professionalId, notEligibleBecause, status: 'recorded' };
  }

  /** The ranked candidates for one role now, with the ranking's explanation: who ops might call. */
  async candidates(referralId: string, role: unknown) {
    const parsed = z.object({ role: roleSchema }).safeParse({ role });
    if (!parsed.success) throw HakiError.fromZod('ASSIGNMENT.INVALID', parsed.error);
    const record = await openReferralNeeding(this.decisions, referralId, parsed.data.role);
    const ranked = await this.ranking.rank(record.facts, parsed.data.role);
    const candidates = ranked.map(({ professionalId, score, summary }) => ({ professionalId, score, summary }));
    return { referralId, role: parsed.data.role, candidates };
  }
}
