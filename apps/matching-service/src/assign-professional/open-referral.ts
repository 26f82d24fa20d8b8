import { HakiError } from '@haki/contracts';
import type { Role } from '@haki/vocabulary';
import type { ReferralDecisionDocument, ReferralDecisions } from '../referral-decisions/referral-decision.model';

/** The referral's record when ops may still staff `role` on it; otherwise the error that says why not. */
export async function openReferralNeeding(decisions: ReferralDecisions, referralId: string, role: Role): Promise<ReferralDecisionDocument> {
  const record = await decisions.findById(referralId).lean();
  if (!record) throw new HakiError('REFERRAL.NOT_FOUND', `no referral ${referralId} in matching`);
  if (record.status === 'withdrawn' || record.status === 'completed') {
    throw new HakiError('ASSIGNMENT.REFERRAL_CLOSED', `referral ${referralId} is ${record.status}`);
  }
  if (!record.policy.roles.some((slot) => slot.role === role)) {
    throw new HakiError('ASSIGNMENT.ROLE_NOT_NEEDED', `referral ${referralId} needs no ${role}`);
  }
  return record;
}
