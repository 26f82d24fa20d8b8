import { Schema, type Connection, type Model } from 'mongoose';
import { createModel } from '@haki/platform-runtime';

/**
 * The short reference a phone referrer was given (`HK-7QK3WD`) → its referral, so a referrer who calls
 * the desk, or texts, is found by `_id`. Inserted before the referral: a reference is never given twice
 * (the insert fails on a taken one), and one whose referral was never stored (a retried submission
 * that found the first) leads nowhere.
 */
export interface ReferralReferenceDocument {
  _id: string;
  referralId: string;
}

const schema = new Schema<ReferralReferenceDocument>({ _id: String, referralId: { type: String, required: true } }, { versionKey: false });

export const referralReferenceModel = (connection: Connection): Promise<Model<ReferralReferenceDocument>> =>
  createModel(connection, 'ReferralReference', schema, 'referral_references');
