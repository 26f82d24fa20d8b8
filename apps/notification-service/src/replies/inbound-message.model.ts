import { Schema, type Connection, type Model } from 'mongoose';
import type { SealedValue } from '@haki/platform-config';
import { createModel } from '@haki/platform-runtime';

/**
 * Every SMS that reaches us, kept as it came (the issue: "all replies are kept"), keyed by
 * `<provider>:<provider's message id>` so a callback the vendor sends again is stored, and acted on, once.
 * The text stays in this service, which alone holds phone numbers; events carry only what was parsed.
 */
export interface InboundMessageDocument {
  _id: string;
  provider: string;
  receivedAt: Date;
  /** The sender's number as E.164 when readable, else as the provider gave it (a volunteer's reply). */
  from?: string;
  text?: string;
  /** Number and text sealed (contact keys, bound to the id) instead, for an SMS passed to phone intake. */
  sealed?: SealedValue;
  /** Absent when the number is on no contact record. */
  professionalId?: string;
  /**
   * What it was read as: answer, away, back, unclear; `referral` when it starts with HAKI, and
   * `unknown-sender` when nobody has the number (both go to phone intake).
   */
  readAs: 'answer' | 'away' | 'back' | 'unclear' | 'unknown-sender' | 'referral';
}

const schema = new Schema<InboundMessageDocument>(
  { _id: String, provider: String, receivedAt: Date, from: String, text: String, sealed: Object, professionalId: String, readAs: String },
  { versionKey: false },
);

export const inboundMessageModel = (connection: Connection): Promise<Model<InboundMessageDocument>> =>
  createModel(connection, 'InboundMessage', schema, 'inbound_messages');
