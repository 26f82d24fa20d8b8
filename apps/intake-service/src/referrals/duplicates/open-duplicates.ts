import type { Model } from 'mongoose';
import type { ReferralDocument } from '../referral.model';

/**
 * The open cases the referrals found under the same incident belong to: a linked referral stands for
 * the case it joined. Only referrals announced to matching (`submitted`) are cases; withdrawn ones,
 * those still held, and ids never stored (a retried submission's) are left out. Read by `_id`.
 */
export async function openDuplicates(
  referrals: Model<ReferralDocument>,
  ids: readonly string[],
): Promise<{ caseId: string; organisationId?: string }[]> {
  if (!ids.length) return [];
  const found = await referrals.find({ _id: { $in: [...ids] } }, { status: 1, linkedTo: 1 }).lean();
  const caseIds = [
    ...new Set(found.map((referral) => (referral.status === 'linked' && referral.linkedTo ? referral.linkedTo : referral._id))),
  ];
  const cases = await referrals.find({ _id: { $in: caseIds } }, { status: 1, organisationId: 1 }).lean();
  return cases
    .filter((kase) => kase.status === 'submitted')
    .map((kase) => ({ caseId: kase._id, ...(kase.organisationId ? { organisationId: kase.organisationId } : {}) }));
}
