import type { RankingWeights } from './weights';

// The score's terms that depend on the professional alone (not the referral, not the clock), each
// rounded as the score adds it. One definition for the score (evaluate.ts), the search's floors
// (best-first.ts) and the roster's bands (compiled-roster.ts), so a floor can never drift from a score.

/** Estimated probability of accepting: a Beta prior over their offers and accepts. */
export const acceptLikelihood = (w: RankingWeights, offers: number, accepts: number): number =>
  (accepts + w.acceptPriorAccepts) / (offers + w.acceptPriorAccepts + w.acceptPriorDeclines);

export const acceptancePenalty = (w: RankingWeights, offers: number, accepts: number): number =>
  Math.round(w.declineRisk * (1 - acceptLikelihood(w, offers, accepts)));

export const responsePenalty = (w: RankingWeights, medianResponseMinutes: number): number =>
  Math.round(w.responsePerMinute * Math.min(medianResponseMinutes, w.responseCapMinutes));

export const loadPenalty = (w: RankingWeights, open: number, capacity: number): number => Math.round((w.fullLoad * open) / capacity);

/** Acceptance + response + load. */
export const fixedPenalty = (
  w: RankingWeights,
  offers: number,
  accepts: number,
  medianResponseMinutes: number,
  open: number,
  capacity: number,
): number => acceptancePenalty(w, offers, accepts) + responsePenalty(w, medianResponseMinutes) + loadPenalty(w, open, capacity);
