import type { Model } from 'mongoose';
import type { ReferralDocument } from '../referral.model';

/**
 * The cases the referrals found under the same incident belong to: a linked referral stands for the
 * case it joined; withdrawn ones and ids never stored (a retried submission's) are skipped. Read by `_id`.
 */
export async function openDuplicates(referrals: Model<ReferralDocument>, ids: readonly string[]): Promise<string[]> {
  if (!ids.length) return [];
  const found = await referrals.find({ _id: { $in: [...ids] } }, { status: 1, linkedTo: 1 }).lean();
  const open = found.filter((referral) => referral.status !== 'withdrawn');
  return [...new Set(open.map((referral) => (referral.status === 'linked' && referral.linkedTo ? referral.linkedTo : referral._id)))];
}
