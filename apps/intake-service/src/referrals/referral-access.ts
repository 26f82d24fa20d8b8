import type { Model } from 'mongoose';
import { HakiError } from '@haki/contracts';
import type { Principal } from '@haki/platform-access';
import type { ReferralDocument } from './referral.model';

/**
 * The referral, if the caller may work on it: a supervisor any, an intake worker those of their own
 * organisation (or, without one, their own and those from basic phones no organisation registered:
 * the network's own desk calls those back). Anyone else gets the same 404 as for a referral that does
 * not exist, so ids cannot be probed.
 */
export async function referralForCaller(
  referrals: Model<ReferralDocument>,
  referralId: string,
  caller: Principal,
): Promise<ReferralDocument> {
  const referral = await referrals.findById(referralId).lean();
  const mayWork =
    referral &&
    (caller.roles.includes('supervisor') ||
      (caller.organisationId
        ? referral.organisationId === caller.organisationId
        : referral.submittedBy === caller.subject || (referral.channel !== undefined && referral.organisationId === undefined)));
  if (!mayWork) throw new HakiError('REFERRAL.NOT_FOUND_AT_INTAKE', `no referral ${referralId} that you may work on`);
  return referral;
}
