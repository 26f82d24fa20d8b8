import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { HakiError, roleSchema, TOPICS } from '@haki/contracts';
import { isLeftToOps } from '@haki/matching-core';
import type { Logger } from '@haki/platform-logging';
import { LOGGER } from '@haki/platform-runtime';
import type { Role } from '@haki/vocabulary';
import { REFERRAL_DECISIONS } from '../matching.tokens';
import { OpsInputPublisher } from '../offer-updates/ops-input-publisher';
import type { ReferralDecisions } from '../referral-decisions/referral-decision.model';
import { recordedBy } from '../ops-request';
import { openReferralNeeding } from './open-referral';

export const reofferRequest = z.object({ role: roleSchema, recordedBy }).strict();

/**
 * Ops ask for a role left to them to be offered again: the roster changed (someone recruited, back
 * from leave, a slot freed), or offers lapsed for want of signal. It travels as
 * `assignment.reoffer-requested` to the referral's consumer, whose policy searches again and may ask
 * anyone whose offer lapsed, never anyone who declined (offer-machine's reofferedByOps).
 */
@Injectable()
export class ReofferRole {
  constructor(
    @Inject(REFERRAL_DECISIONS) private readonly decisions: ReferralDecisions,
    private readonly inputs: OpsInputPublisher,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(referralId: string, body: unknown): Promise<{ referralId: string; role: Role; status: 'recorded' }> {
    const parsed = reofferRequest.safeParse(body);
    if (!parsed.success) throw HakiError.fromZod('ASSIGNMENT.INVALID', parsed.error);
    const { role } = parsed.data;
    const record = await openReferralNeeding(this.decisions, referralId, role);
    // The policy would ignore it: say so now rather than answer 202 for nothing.
    if (!isLeftToOps(record.policy, role)) {
      const phase = record.policy.roles.find((slot) => slot.role === role)!.phase;
      throw new HakiError('ASSIGNMENT.ROLE_NOT_UNFILLED', `the ${role} role of referral ${referralId} is ${phase}, not left to ops`);
    }
    await this.inputs.publish(TOPICS.assignmentReofferRequested, referralId, { referralId, ...parsed.data });
    this.logger.info({ referralId, role }, 're-offer recorded');
    return { referralId, role, status: 'recorded' };
  }
}
