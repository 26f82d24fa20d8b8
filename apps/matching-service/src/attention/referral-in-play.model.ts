import { Schema, type Connection, type Model } from 'mongoose';
import type { ReferralStatus } from '@haki/matching-core';
import { createModel } from '@haki/platform-runtime';
import type { ReferralFacts } from '../referral-decisions/referral-decision.model';

/**
 * One small document per referral still in play (not completed, not withdrawn), with what the
 * attention list filters and sorts on. The list reads this collection, whose size is the work in
 * hand, instead of querying `referral_decisions` by status: on FerretDB that query reads every referral
 * ever stored. Written by the referral's single writer: inserted before its record, deleted once the
 * record says it is finished, so it is never missing a referral in play (a stale one is skipped).
 */
export interface ReferralInPlayDocument {
  _id: string;
  submittedAt: string;
  urgency: string;
  serviceType: string;
  countyCode: number;
}

const schema = new Schema<ReferralInPlayDocument>(
  { _id: String, submittedAt: String, urgency: String, serviceType: String, countyCode: Number },
  { versionKey: false },
);

export type ReferralsInPlay = Model<ReferralInPlayDocument>;

export const referralsInPlayModel = (connection: Connection): Promise<ReferralsInPlay> =>
  createModel(connection, 'ReferralInPlay', schema, 'referrals_in_play');

/** Statuses after which a referral needs nothing more from ops. */
export const isFinished = (status: ReferralStatus): boolean => status === 'completed' || status === 'withdrawn';

export const inPlayEntry = (facts: ReferralFacts): ReferralInPlayDocument => ({
  _id: facts.referralId,
  submittedAt: facts.submittedAt,
  urgency: facts.urgency,
  serviceType: facts.serviceType,
  countyCode: facts.countyCode,
});
