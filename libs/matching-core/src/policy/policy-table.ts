import type { Urgency } from '@haki/vocabulary';

export interface WideningStep {
  label: string;
  /** How many candidates to ask the ranking for at this step. */
  k: number;
  /** Also ask people outside their declared travel distance and counties. */
  ignoreTravelPreference: boolean;
}

/** How offers go out for one referral. Copied into the referral's state when it starts. */
export interface OfferPolicy {
  /** Offers open at once per role: >1 means parallel (first acceptance wins), 1 means sequential. */
  parallelOffers: number;
  offerTimeoutMinutes: number;
  /** Rounds of `parallelOffers` delivered offers per search step before widening. */
  roundsPerStep: number;
  /** Searches after the initial ranked list, in order; when the last is used up the role escalates. */
  wideningSteps: WideningStep[];
  /** Hard stop for the whole search (capped by the medico-legal deadline): unfilled roles go to ops. */
  escalateAfterMinutes: number;
  /** After acceptance: time to the first progress report before a reminder ... */
  progressTimeoutMinutes: number;
  /** ... and after the reminder, before the role is re-offered. */
  reminderGraceMinutes: number;
}

const widening = (k: number): WideningStep[] => [
  { label: 'next candidates within travel preferences', k, ignoreTravelPreference: false },
  { label: 'beyond declared travel distance and counties', k, ignoreTravelPreference: true },
];

export const DEFAULT_POLICY_TABLE: Readonly<Record<Urgency, OfferPolicy>> = {
  // A death in custody or fresh torture injuries: evidence degrades by the hour. Ask three at once.
  critical: {
    parallelOffers: 3,
    offerTimeoutMinutes: 15,
    roundsPerStep: 2,
    wideningSteps: widening(20),
    escalateAfterMinutes: 120,
    progressTimeoutMinutes: 60,
    reminderGraceMinutes: 20,
  },
  urgent: {
    parallelOffers: 2,
    offerTimeoutMinutes: 60,
    roundsPerStep: 2,
    wideningSteps: widening(15),
    escalateAfterMinutes: 12 * 60,
    progressTimeoutMinutes: 4 * 60,
    reminderGraceMinutes: 60,
  },
  // Sequential: one volunteer at a time, so nobody is asked for a case someone else already took.
  normal: {
    parallelOffers: 1,
    offerTimeoutMinutes: 8 * 60,
    roundsPerStep: 3,
    wideningSteps: widening(10),
    escalateAfterMinutes: 5 * 24 * 60,
    progressTimeoutMinutes: 48 * 60,
    reminderGraceMinutes: 12 * 60,
  },
};

/**
 * The table with every duration multiplied by `factor`: a demo or a test runs the real policy in
 * seconds instead of hours (0.001 turns a 15-minute offer into 0.9 s). Counts are left alone.
 */
export function scalePolicyTable(table: Readonly<Record<Urgency, OfferPolicy>>, factor: number): Record<Urgency, OfferPolicy> {
  const scale = (policy: OfferPolicy): OfferPolicy => ({
    ...policy,
    offerTimeoutMinutes: policy.offerTimeoutMinutes * factor,
    escalateAfterMinutes: policy.escalateAfterMinutes * factor,
    progressTimeoutMinutes: policy.progressTimeoutMinutes * factor,
    reminderGraceMinutes: policy.reminderGraceMinutes * factor,
  });
  return { critical: scale(table.critical), urgent: scale(table.urgent), normal: scale(table.normal) };
}
