import type { Model } from 'mongoose';
import type { ReferralDocument } from '../referral.model';

/**
 * The open cases the referrals found under the same incident belong to: a linked referral stands for
 * the case it joined. Only referrals announced to matching (`submitted`) are cases; withdrawn ones,
 * those still held, and ids never stored (a retried submission's) are left out. Each is read by bare
 * `_id` (a handful): on FerretDB an `$in` would read the whole collection (docs/performance.md).
 */
export async function openDuplicates(
  referrals: Model<ReferralDocument>,
  ids: readonly string[],
): Promise<{ caseId: string; organisationId?: string }[]> {
  const byId = (id: string) => referrals.findById(id, { status: 1, linkedTo: 1, organisationId: 1 }).lean();
  const found = (await Promise.all([...new Set(ids)].map(byId))).filter((referral) => referral !== null);
  const caseIds = [
    ...new Set(found.map((referral) => (referral.status === 'linked' && referral.linkedTo ? referral.linkedTo : referral._id))),
  ];
  const cases = (await Promise.all(caseIds.map(byId))).filter((kase) => kase !== null);
  return cases
    .filter((kase) => kase.status === 'submitted')
    .map((kase) => ({ caseId: kase._id, ...(kase.organisationId ? { organisationId: kase.organisationId } : {}) }));
}
