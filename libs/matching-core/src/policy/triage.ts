import { URGENCIES } from '@haki/vocabulary';
import type { ReferralState } from './offer-machine';

/**
 * Surge triage: the referrals with a role waiting for capacity, in the order a freed slot is offered to
 * them (each gets `capacityFreed` and searches again; the first that finds someone takes the slot).
 * Least slack first: the time left before the search window closes, which is the medico-legal deadline
 * or the policy's escalation time, whichever is first. Then the more urgent, then the longest waiting.
 */
export function triageOrder(states: Iterable<ReferralState>, now: number): ReferralState[] {
  const waiting = [...states].filter((s) => s.status === 'searching' && s.roles.some((r) => r.phase === 'waiting'));
  return waiting.sort(
    (a, b) =>
      a.searchClosesAt - now - (b.searchClosesAt - now) ||
      URGENCIES.indexOf(a.urgency) - URGENCIES.indexOf(b.urgency) ||
      a.startedAt - b.startedAt ||
      (a.referralId < b.referralId ? -1 : 1),
  );
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
