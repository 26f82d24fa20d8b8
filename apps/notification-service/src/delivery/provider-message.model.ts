import { Schema, type Connection, type Model } from 'mongoose';
import { createModel } from '@haki/platform-runtime';

/**
 * One message a provider accepted, keyed `<provider>:<provider's message id>` so its delivery reports
 * find it by `_id`. Kept apart from the message record: the send writes that one, the reports write
 * this one, and neither ever rewrites the other's document (FerretDB 1.24 loses one of two concurrent
 * writers to a document: its issue #3040).
 */
export interface ProviderMessageDocument {
  _id: string;
  /** The message record: a `notifications` id, or a `reply_messages` id for a reply. */
  recordId: string;
  kind: 'offer-message' | 'reply' | 'referrer-message';
  /** `sent` until a report says more; `delivered` and `failed` are final and never overwritten. */
  status: 'sent' | 'delivered' | 'failed';
  failureReason?: string;
  updatedAt: Date;
}

const schema = new Schema<ProviderMessageDocument>(
  { _id: String, recordId: String, kind: String, status: String, failureReason: String, updatedAt: Date },
  { versionKey: false },
);

export const providerMessageModel = (connection: Connection): Promise<Model<ProviderMessageDocument>> =>
  createModel(connection, 'ProviderMessage', schema, 'provider_messages');
