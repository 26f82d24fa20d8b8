import { Schema, type Connection, type Model } from 'mongoose';
import { createModel } from '@haki/platform-runtime';
import type { PhoneChannel } from '../phone-draft';

/**
 * The intake desk's call-back list: one small document per referral from an unknown phone that waits
 * for a worker to call the referrer back (`_id` = referral id). Written before the referral itself, so
 * the list never misses one (an entry whose referral was never stored is dropped when read), and
 * deleted when the call-back is recorded: the list holds what waits, not history.
 */
export interface AwaitingCallBackDocument {
  _id: string;
  reference: string;
  channel: PhoneChannel;
  serviceType: string;
  urgency: string;
  countyName: string;
  organisationId?: string;
  submittedAt: Date;
}

const schema = new Schema<AwaitingCallBackDocument>(
  {
    _id: String,
    reference: String,
    channel: String,
    serviceType: String,
    urgency: String,
    countyName: String,
    organisationId: String,
    submittedAt: Date,
  },
  { versionKey: false },
);

export const awaitingCallBackModel = (connection: Connection): Promise<Model<AwaitingCallBackDocument>> =>
  createModel(connection, 'AwaitingCallBack', schema, 'referrals_awaiting_call_back');
