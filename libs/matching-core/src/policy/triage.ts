import { URGENCIES, type Role } from '@haki/vocabulary';
import { holdsCapacity, type ReferralState } from './offer-machine';

/** What triage orders waiting referrals by (a ReferralState has it all; the matching service stores just this). */
export type TriageKey = Pick<ReferralState, 'referralId' | 'urgency' | 'searchClosesAt' | 'startedAt'>;

/** Whether a referral has a role waiting for capacity (surge triage), so a freed slot may go to it. */
export const isWaitingForCapacity = (state: ReferralState): boolean =>
  state.status === 'searching' && state.roles.some((r) => r.phase === 'waiting');

/**
 * The order in which waiting referrals are offered a freed slot. Least slack first: the search window
 * closes first, which is the medico-legal deadline or the policy's escalation time, whichever is earlier
 * (slack is that time minus now, the same now for all, so the closing times order them). Then the more
 * urgent, then the longest waiting.
 */
export function compareTriage(a: TriageKey, b: TriageKey): number {
  return (
    a.searchClosesAt - b.searchClosesAt ||
    URGENCIES.indexOf(a.urgency) - URGENCIES.indexOf(b.urgency) ||
    a.startedAt - b.startedAt ||
    (a.referralId < b.referralId ? -1 : a.referralId > b.referralId ? 1 : 0)
  );
}

/**
 * Surge triage: the referrals with a role waiting for capacity, in the order a freed slot is offered to
 * them (each gets `capacityFreed` and searches again; the first that finds someone takes the slot).
 */
export function triageOrder(states: Iterable<ReferralState>): ReferralState[] {
  return [...states].filter(isWaitingForCapacity).sort(compareTriage);
}

/** Whether the professional holds a slot for this referral in the state (an open offer, or an assignment). */
export const holdsSlotOf = (state: ReferralState, professionalId: string): boolean =>
  state.offers.some((offer) => offer.professionalId === professionalId && holdsCapacity(offer.status));

/**
 * The roles of a waiting referral that a freed slot of this professional could go to: its waiting roles,
 * unless they were asked already or went unavailable for it (nobody is offered twice for one referral).
 * Whether they qualify for a role is the caller's question (the ranking's, with capacity left aside).
 */
export function rolesOpenToFreedSlot(state: ReferralState, professionalId: string): Role[] {
  if (!isWaitingForCapacity(state)) return [];
  if (state.offers.some((offer) => offer.professionalId === professionalId) || state.unavailable.includes(professionalId)) return [];
  return state.roles.filter((slot) => slot.phase === 'waiting').map((slot) => slot.role);
}

/**
 * Runs the caller's triage pass (send `capacityFreed` to triageOrder's referrals) for each freed slot.
 * A pass sends events that may free more slots; such a slot starts one more pass once this one is done,
 * never a nested one, so every freed slot is offered and no referral is re-entered mid-decision.
 */
export class TriagePasses {
  private running = false;
  private freedMeanwhile = false;
  constructor(private readonly pass: () => void) {}

  slotFreed(): void {
    if (this.running) {
      this.freedMeanwhile = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.freedMeanwhile = false;
        this.pass();
      } while (this.freedMeanwhile);
    } finally {
      this.running = false;
    }
  }
}
