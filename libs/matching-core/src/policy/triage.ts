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
