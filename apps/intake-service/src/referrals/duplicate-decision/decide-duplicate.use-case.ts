import { Inject, Injectable } from '@nestjs/common';
import type { Model } from 'mongoose';
import { z } from 'zod';
import { HakiError, TOPICS } from '@haki/contracts';
import type { Principal } from '@haki/platform-access';
import type { Logger } from '@haki/platform-logging';
import { LOGGER } from '@haki/platform-runtime';
import { REFERRALS } from '../../intake.tokens';
import { referralForCaller } from '../referral-access';
import { ReferralChanges, type ReferralEvent } from '../referral-changes';
import type { ReferralDocument, ReferralStatus } from '../referral.model';
import { referralView, type ReferralView } from '../referral-view';
import { Sealer } from '@haki/platform-config';
import { openDuplicates } from '../duplicates/open-duplicates';
import { reassessHeld } from '../reassess-held';

export const decisionRequest = z.discriminatedUnion(
  'decision',
  [
    /** The same incident: join that case; nobody new is reserved. */
    z.object({ decision: z.literal('link'), caseId: z.string().min(1).max(100) }).strict(),
    /** Not the same incident after all (two people of one name, say): match it as a case of its own. */
    z.object({ decision: z.literal('separate'), reason: z.string().trim().min(1, 'is required').max(500) }).strict(),
  ],
  { error: 'must be link (with caseId) or separate (with reason)' },
);

/**
 * Staff's answer to "this looks like a case already open": link the referral to that case (the case
 * gains a referrer, `referral.linked`), or keep it separate (it goes to matching, `referral.submitted`,
 * or waits for consent if it has none).
 */
@Injectable()
export class DecideDuplicate {
  constructor(
    @Inject(REFERRALS) private readonly referrals: Model<ReferralDocument>,
    private readonly changes: ReferralChanges,
    private readonly sealer: Sealer,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(referralId: string, body: unknown, caller: Principal): Promise<ReferralView> {
    const parsed = decisionRequest.safeParse(body);
    if (!parsed.success) throw HakiError.fromZod('REFERRAL.INVALID', parsed.error);
    const referral = await referralForCaller(this.referrals, referralId, caller);
    if (referral.status !== 'possible-duplicate') {
      throw new HakiError(
        'REFERRAL.NOT_A_POSSIBLE_DUPLICATE',
        `referral ${referralId} is ${referral.status}: there is no duplicate to decide`,
      );
    }
    const request = parsed.data;
    if (referral.duplicatesElsewhere?.length && !caller.roles.includes('supervisor')) {
      throw new HakiError(
        'REFERRAL.DUPLICATE_NEEDS_SUPERVISOR',
        `referral ${referralId} may duplicate another organisation's case: a supervisor decides`,
      );
    }
    const candidates = [...(referral.probableDuplicates ?? []), ...(referral.duplicatesElsewhere ?? [])];
    if (request.decision === 'link' && !candidates.includes(request.caseId)) {
      const reason = 'is not one of the cases this referral may duplicate';
      throw new HakiError('REFERRAL.INVALID', `caseId: ${reason}`, { fields: [{ field: 'caseId', reason }] });
    }
    // The case may have been withdrawn since this referral was held: it is no longer one to join.
    if (request.decision === 'link' && !(await openDuplicates(this.referrals, [request.caseId])).length) {
      const reason = 'is no longer an open case (withdrawn since); keep this referral separate';
      throw new HakiError('REFERRAL.INVALID', `caseId: ${reason}`, { fields: [{ field: 'caseId', reason }] });
    }
    const now = new Date();
    // Kept separate, it is announced as it stands now: its clocks have run while it was held.
    const reassessed = request.decision === 'separate' ? reassessHeld(referral, caller, now, this.sealer) : {};
    const facts = reassessed.facts ?? referral.facts!;
    const duplicateDecision = {
      decision: request.decision,
      ...(request.decision === 'separate' ? { reason: request.reason } : {}),
      by: caller.subject,
      at: now,
    };
    let status: ReferralStatus;
    let event: ReferralEvent | undefined;
    if (request.decision === 'link') {
      status = 'linked';
      const payload = {
        referralId: request.caseId,
        linkedReferralId: referralId,
        source: facts.source!,
        ...(referral.organisationId ? { organisationId: referral.organisationId } : {}),
        linkedAt: now.toISOString(),
      };
      event = { topic: TOPICS.referralLinked, key: request.caseId, payload, idSeed: `linked:${referralId}` };
    } else {
      status = facts.rolesNeeded.length ? 'submitted' : 'awaiting-consent';
      const payload = { ...facts, referralId, submittedAt: referral.submittedAt.toISOString() };
      if (status === 'submitted') event = { topic: TOPICS.referralSubmitted, key: referralId, payload, idSeed: `submitted:${referralId}` };
    }
    const linkedTo = request.decision === 'link' ? { linkedTo: request.caseId } : {};
    try {
      await this.changes.apply(referral, { status, duplicateDecision, ...linkedTo, ...reassessed }, caller.subject, event);
    } catch (error) {
      // Of two staff deciding at once, one wins; the other is told there is nothing left to decide.
      if ((error as HakiError).code !== 'REFERRAL.AMENDED_MEANWHILE') throw error;
      throw new HakiError('REFERRAL.NOT_A_POSSIBLE_DUPLICATE', `referral ${referralId} was decided a moment ago`);
    }
    this.logger.info({ referralId, decision: request.decision, status }, 'possible duplicate decided');
    return referralView({ ...referral, status, duplicateDecision, ...linkedTo, ...reassessed }, caller);
  }
}
