import { Schema, type Connection, type Model } from 'mongoose';
import type { PayloadOf, TOPICS } from '@haki/contracts';
import type { ReferralState, ReferralStatus } from '@haki/matching-core';
import { outboxSchemaDefinition, type OutboxHolder } from '@haki/platform-messaging';
import { createModel } from '@haki/platform-runtime';

/** What matching keeps of the submitted referral: enough to rank again when the search widens. */
export type ReferralFacts = PayloadOf<typeof TOPICS.referralSubmitted>;

/**
 * Matching's record of one referral: the facts it ranks on, matching-core's policy state (with the
 * policy row frozen at submission), the ranking's explanation of every candidate, and the events still
 * to publish. Written only by the consumer of the referral's partition (docs/decisions/0004), each
 * input in one single-document update together with its events.
 */
export interface ReferralDecisionDocument extends OutboxHolder {
  _id: string;
  status: ReferralStatus;
  facts: ReferralFacts;
  /** The last intake amendment applied (`referral.amended` version): an older one arriving late is dropped. */
  amendedVersion?: number;
  policy: ReferralState;
  /** Ranking explanation per professional id (the offer's rationale, shown to ops). */
  rationales: Record<string, string>;
  correlationId: string;
  /** Writes so far. Event ids of a write derive from it, so a later write never reuses an earlier one's ids. */
  version: number;
  /**
   * The ids of the latest inputs applied, written with the state they changed: a redelivered input is
   * found here, so the consumer needs no separate processed-event lookup and mark (absent on records
   * written before it existed).
   */
  appliedInputs?: string[];
  updatedAt: Date;
}

const schema = new Schema<ReferralDecisionDocument>(
  {
    _id: String,
    status: String,
    facts: Object,
    amendedVersion: Number,
    policy: Object,
    rationales: Object,
    correlationId: String,
    version: Number,
    appliedInputs: [String],
    updatedAt: Date,
    ...outboxSchemaDefinition,
  },
  { versionKey: false, minimize: false },
);

/**
 * Inputs remembered per referral. A redelivery repeats what came after the consumer's last commit (at
 * most a second's worth), far fewer inputs than this for any one referral.
 */
export const REMEMBERED_INPUTS = 32;

/** The applied inputs after this one. */
export const withAppliedInput = (applied: readonly string[] | undefined, eventId: string): string[] =>
  [...(applied ?? []), eventId].slice(-REMEMBERED_INPUTS);

export type ReferralDecisions = Model<ReferralDecisionDocument>;

export const referralDecisionModel = (connection: Connection): Promise<ReferralDecisions> =>
  createModel(connection, 'ReferralDecision', schema, 'referral_decisions');
