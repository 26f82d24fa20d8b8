import { Schema, type Connection, type Model } from 'mongoose';
import type { SealedValue } from '@haki/platform-config';
import { createModel } from '@haki/platform-runtime';

/** How to reach a professional, opened (contact-book.ts). Only this service holds phone numbers and email addresses. */
export interface Contact {
  _id: string;
  phone: string;
  email?: string;
  language: string;
  /** Absent on contacts stored before email offers existed: SMS. */
  prefers?: 'sms' | 'email';
}

/**
 * A contact as stored: the phone number and email sealed (AES-256-GCM, CONTACT_KEYS, bound to the
 * professional id), language and preference in clear. Contacts stored before sealing have `phone` and
 * `email` in clear until the contact book seals them at start.
 */
export interface ContactDocument extends Partial<Pick<Contact, 'phone' | 'email'>> {
  _id: string;
  sealed?: SealedValue;
  language: string;
  prefers?: 'sms' | 'email';
}

const schema = new Schema<ContactDocument>(
  { _id: String, sealed: { type: Object }, phone: String, email: String, language: String, prefers: String },
  { versionKey: false },
);

export const contactModel = (connection: Connection): Promise<Model<ContactDocument>> =>
  createModel(connection, 'Contact', schema, 'contacts');

/** Fictional numbers (Kenya's +254 7xx format) and addresses for the demo roster's ids. */
export const DEMO_CONTACTS: Contact[] = [
  'pro-nbo-path-1',
  'pro-nbo-path-2',
  'pro-eld-path-1',
  'pro-ksm-path-1',
  'pro-nbo-clin-1',
  'pro-nbo-clin-2',
  'pro-msa-clin-1',
  'pro-nak-clin-1',
  'pro-nbo-adv-1',
  'pro-ksm-adv-1',
  'pro-nbo-psy-1',
].map((id, index) => ({
  _id: id,
  phone: `+2547000000${String(index).padStart(2, '0')}`,
  email: `${id}@example.org`,
  language: 'en',
  // One volunteer takes offers by email (with an answer link), as some prefer to.
  prefers: id === 'pro-nbo-psy-1' ? ('email' as const) : ('sms' as const),
}));
