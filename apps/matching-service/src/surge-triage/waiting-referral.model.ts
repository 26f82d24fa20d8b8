import { Schema, type Connection, type Model } from 'mongoose';
import { isWaitingForCapacity, type ReferralState } from '@haki/matching-core';
import { createModel } from '@haki/platform-runtime';
import type { Urgency } from '@haki/vocabulary';

/**
 * One small document per referral with a role waiting for capacity (surge triage), holding what triage
 * orders them by. A freed slot reads this collection, whose size is the surge in hand, instead of
 * querying `referral_decisions` by phase (on FerretDB that reads every referral ever stored). Written by
 * the referral's single writer after each of its writes, so it follows the record; a stale entry is
 * skipped, as the record by `_id` is what triage checks before it offers a slot.
 */
export interface WaitingReferralDocument {
  _id: string;
  urgency: Urgency;
  /** Epoch ms: the search window's close, the first key of triage order. */
  searchClosesAt: number;
  startedAt: number;
}

const schema = new Schema<WaitingReferralDocument>(
  { _id: String, urgency: String, searchClosesAt: Number, startedAt: Number },
  { versionKey: false },
);

export type WaitingReferrals = Model<WaitingReferralDocument>;

export const waitingReferralsModel = (connection: Connection): Promise<WaitingReferrals> =>
  createModel(connection, 'WaitingReferral', schema, 'referrals_waiting');

/** Adds or removes the referral's entry to match its state; safe to repeat. */
export async function syncWaiting(waiting: WaitingReferrals, state: ReferralState): Promise<void> {
  if (!isWaitingForCapacity(state)) {
    await waiting.deleteOne({ _id: state.referralId });
    return;
  }
  const { urgency, searchClosesAt, startedAt } = state;
  await waiting.updateOne({ _id: state.referralId }, { $set: { urgency, searchClosesAt, startedAt } }, { upsert: true });
}
