import { HakiError } from '@haki/contracts';
import type { OfferRecord, OfferStatus } from '@haki/matching-core';
import type { ReferralDecisions } from '../referral-decisions/referral-decision.model';

/**
 * The offer an ops update is about, checked to be in one of `expected` states: an update to an offer in
 * any other state is refused with that state, so the caller knows at once it changed nothing. Only a
 * read: the update itself travels as an event to the consumer that owns the referral.
 */
export async function findOffer(
  decisions: ReferralDecisions,
  offerId: string,
  expected: { statuses: OfferStatus[]; code: 'OFFER.NOT_OPEN' | 'OFFER.NOT_ACCEPTED'; refused: string },
  /** Throws when the caller may not act on this offer: checked before its state is told. */
  authorize: (offer: OfferRecord) => void = () => undefined,
): Promise<{ referralId: string; offer: OfferRecord }> {
  // Offer ids are `<referral id>:<n>` (matching-core's offer machine).
  const referralId = offerId.slice(0, Math.max(0, offerId.lastIndexOf(':')));
  const record = referralId ? await decisions.findById(referralId).lean() : null;
  const offer = record?.policy.offers.find((candidate) => candidate.offerId === offerId);
  if (!offer) throw new HakiError('OFFER.NOT_FOUND', `no offer ${offerId}`);
  authorize(offer);
  if (!expected.statuses.includes(offer.status)) {
    throw new HakiError(expected.code, `offer ${offerId} is ${offer.status}; ${expected.refused}`);
  }
  return { referralId, offer };
}
