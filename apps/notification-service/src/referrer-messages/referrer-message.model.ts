import { Schema, type Connection, type Model } from 'mongoose';
import type { SealedValue } from '@haki/platform-config';
import { createModel } from '@haki/platform-runtime';

/**
 * One message to a phone referrer (issue #15) as intake asked for it, keyed by intake's message id
 * (`referrer-…`), the number and text kept sealed as they came (contact keys, bound to that id), sent
 * once by the outbound queue like a reply to a volunteer.
 */
export interface ReferrerMessageDocument {
  _id: string;
  purpose: string;
  message: SealedValue;
  status: 'queued' | 'sent' | 'failed';
  provider?: string;
  providerMessageId?: string;
  correlationId: string;
}

const schema = new Schema<ReferrerMessageDocument>(
  {
    _id: String,
    purpose: String,
    message: Object,
    status: String,
    provider: String,
    providerMessageId: String,
    correlationId: String,
  },
  { versionKey: false },
);

export const referrerMessageModel = (connection: Connection): Promise<Model<ReferrerMessageDocument>> =>
  createModel(connection, 'ReferrerMessage', schema, 'referrer_messages');
