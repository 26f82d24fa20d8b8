import type { Professional } from '@haki/matching-core';
import type { OfferOutcomeDocument, OfferOutcomes } from './offer-outcome.model';

/** How far back history counts: long enough for a fair acceptance rate, short enough to forgive. */
export const HISTORY_DAYS = 90;
const DEFAULT_RESPONSE_MINUTES = 60;

export type History = Pick<Professional, 'stats' | 'recentAssignments'>;

/**
 * What a professional's recent offers say, in matching-core's terms. An offer counts once it was
 * answered or expired (one filled by someone else first, or never delivered, says nothing about them);
 * an acceptance is an answered offer that was not declined, and also an assignment, whose date drives
 * fairness, the postmortem cooldown and the monthly cap. Ops assignments count as assignments only.
 */
export function historyFrom(outcomes: readonly OfferOutcomeDocument[]): History {
  const answered = outcomes.filter((o) => o.answeredAt !== undefined);
  const accepted = answered.filter((o) => o.status !== 'declined');
  const asked = outcomes.filter((o) => !o.manual && (o.answeredAt !== undefined || o.status === 'expired'));
  const minutes = answered
    .filter((o) => !o.manual)
    .map((o) => (o.answeredAt!.getTime() - o.offeredAt.getTime()) / 60_000)
    .sort((a, b) => a - b);
  return {
    stats: {
      offers: asked.length,
      accepts: accepted.filter((o) => !o.manual).length,
      medianResponseMinutes: minutes.length === 0 ? DEFAULT_RESPONSE_MINUTES : median(minutes),
    },
    recentAssignments: accepted.map((o) => ({ at: o.answeredAt!.toISOString(), serviceType: o.serviceType })),
  };
}

const median = (sorted: number[]): number => {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Every professional's history, from the offers of the last HISTORY_DAYS (pruned beyond: history-pruner.ts). */
export async function loadHistories(outcomes: OfferOutcomes, now: number): Promise<Map<string, History>> {
  const recent = await outcomes.find({ offeredAt: { $gte: new Date(now - HISTORY_DAYS * 86_400_000) } }).lean();
  const byProfessional = new Map<string, OfferOutcomeDocument[]>();
  for (const outcome of recent) {
    const list = byProfessional.get(outcome.professionalId);
    if (list) list.push(outcome);
    else byProfessional.set(outcome.professionalId, [outcome]);
  }
  return new Map([...byProfessional].map(([id, list]) => [id, historyFrom(list)]));
}
