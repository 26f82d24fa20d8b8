/**
 * Every ranking knob in one place. Scores are "penalty minutes": LOWER IS BETTER, and each weight says
 * how many minutes of extra travel a factor is worth, so ops can reason about trade-offs in one unit.
 * Each factor's contribution is rounded to a whole point, and the score is their exact sum.
 */
export interface RankingWeights {
  /** Per minute of estimated travel (or of remote start, see below). */
  travelPerMinute: number;
  /** Per minute until the professional's schedule or leave lets them start. */
  waitPerMinute: number;
  /** Penalty at full load (open cases = capacity), pro rata below: spreads work across the network. */
  fullLoad: number;
  /** Per assignment in the last `recentWindowDays` days: fairness between volunteers. */
  perRecentAssignment: number;
  recentWindowDays: number;
  /** Burnout cooldown after a postmortem: full penalty right after, fading linearly to 0 over `cooldownHours`. */
  postmortemCooldown: number;
  cooldownHours: number;
  /** No shared language with the referral: an interpreter is needed. */
  languageMismatch: number;
  /** Multiplied by the estimated probability of declining (a decline costs a timeout). */
  declineRisk: number;
  /** Beta prior for the accept rate, so newcomers are neither favoured nor punished: (accepts + a) / (offers + a + b). */
  acceptPriorAccepts: number;
  acceptPriorDeclines: number;
  /** Per minute of median response time, capped. */
  responsePerMinute: number;
  responseCapMinutes: number;
  /** Remote-capable work: the case can start by phone after this many minutes ... */
  remoteStartMinutes: number;
  /** ... and the in-person trip that follows still counts at this share. */
  remoteTravelShare: number;
}

export const DEFAULT_WEIGHTS: RankingWeights = {
  travelPerMinute: 1,
  waitPerMinute: 1,
  fullLoad: 120,
  perRecentAssignment: 20,
  recentWindowDays: 14,
  postmortemCooldown: 240,
  cooldownHours: 72,
  languageMismatch: 60,
  declineRisk: 120,
  acceptPriorAccepts: 2,
  acceptPriorDeclines: 1,
  responsePerMinute: 0.5,
  responseCapMinutes: 240,
  remoteStartMinutes: 30,
  remoteTravelShare: 0.25,
};
