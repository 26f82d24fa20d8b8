import type { OfferRecord, ReferralState } from '@haki/matching-core';

export const ATTENTION_REASONS = ['escalated', 'unfilled-role', 'offer-expiring', 'waiting-for-capacity'] as const;
export type AttentionReason = (typeof ATTENTION_REASONS)[number];

export interface ExpiringOffer {
  offerId: string;
  role: string;
  professionalId: string;
  expiresAt: string;
}

/** When an offer lapses: its timeout, but never after the search window closes (matching-core's rule). */
export const offerExpiresAt = (state: ReferralState, offer: OfferRecord): number =>
  Math.min(offer.sentAt + state.policy.offerTimeoutMinutes * 60_000, state.searchClosesAt);

/**
 * Why a referral needs ops now, from its policy state: escalated; a role nobody fills (an optional role
 * too, which does not escalate); an offer about to lapse unanswered (ops may phone the volunteer); a role
 * waiting for a busy professional's slot (surge triage: ops may find someone by phone before its window closes).
 */
export function attentionOf(state: ReferralState, now: number, expiringWithinMs: number) {
  const reasons: AttentionReason[] = [];
  if (state.status === 'escalated') reasons.push('escalated');
  const unfilled = state.roles.filter((slot) => slot.phase === 'unfilled').map((slot) => slot.role);
  if (unfilled.length > 0) reasons.push('unfilled-role');
  const expiring: ExpiringOffer[] = state.offers
    .filter((offer) => offer.status === 'open' && !offer.manual && offerExpiresAt(state, offer) - now <= expiringWithinMs)
    .map(({ offerId, role, professionalId, ...offer }) => ({
      offerId,
      role,
      professionalId,
      expiresAt: new Date(offerExpiresAt(state, { offerId, role, professionalId, ...offer })).toISOString(),
    }));
  if (expiring.length > 0) reasons.push('offer-expiring');
  if (state.roles.some((slot) => slot.phase === 'waiting')) reasons.push('waiting-for-capacity');
  return { reasons, unfilledRoles: unfilled, expiringOffers: expiring };
}
