import { Schema, type Connection, type Model } from 'mongoose';
import { createModel } from '@haki/platform-runtime';

/** A single-use link that was used, keyed by the link's id: inserted once, so a second use is refused. */
export interface UsedLinkDocument {
  _id: string;
  offerId: string;
  response: 'accept' | 'decline';
  usedAt: Date;
}

const schema = new Schema<UsedLinkDocument>({ _id: String, offerId: String, response: String, usedAt: Date }, { versionKey: false });

export const usedLinkModel = (connection: Connection): Promise<Model<UsedLinkDocument>> =>
  createModel(connection, 'UsedLink', schema, 'used_links');
