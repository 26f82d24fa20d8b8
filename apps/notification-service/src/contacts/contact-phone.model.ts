import { Schema, type Connection, type Model } from 'mongoose';
import { createModel } from '@haki/platform-runtime';

/**
 * Who a phone number belongs to, keyed by a keyed fingerprint of the number in E.164 (HMAC with a key
 * derived from CONTACT_KEYS: the number itself is not stored here), so an SMS reply finds its sender
 * with a lookup by `_id` per configured key. Written with the contact record (ContactEvents, the single
 * writer per professional); a number given to two professionals points to the one changed last.
 */
export interface ContactPhoneDocument {
  _id: string;
  professionalId: string;
}

const schema = new Schema<ContactPhoneDocument>({ _id: String, professionalId: String }, { versionKey: false });

export const contactPhoneModel = (connection: Connection): Promise<Model<ContactPhoneDocument>> =>
  createModel(connection, 'ContactPhone', schema, 'contact_phones');
