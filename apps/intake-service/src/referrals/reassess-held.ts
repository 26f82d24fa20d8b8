import type { Principal } from '@haki/platform-access';
import type { Sealer } from '@haki/platform-config';
import { assessedFields, assessReferral } from './referral-request/referral-facts';
import type { ReferralRequest } from './referral-request/referral-request';
import { withStandingUrgency } from './referral-request/timing';
import type { ReferralDocument } from './referral.model';

/**
 * A held referral's stored fields assessed again at `now`, when staff release it (kept separate from a
 * possible duplicate, or found genuine on the call-back): its clocks ran while it was held. Empty for
 * one stored before requests were kept.
 */
export function reassessHeld(
  referral: ReferralDocument,
  caller: Principal,
  now: Date,
  sealer: Sealer,
): Partial<ReturnType<typeof assessedFields>> {
  if (!referral.sealedRequest) return {};
  const request = withStandingUrgency(sealer.open<ReferralRequest>(referral.sealedRequest, referral._id), now);
  const earlier = { ...(referral.consent ? { consent: referral.consent } : {}), organisationId: referral.organisationId };
  return assessedFields(request, assessReferral(request, caller, now, earlier), (value) => sealer.seal(value, referral._id));
}
