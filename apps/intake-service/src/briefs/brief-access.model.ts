import { Schema, type Connection, type Model } from 'mongoose';
import type { PayloadOf, TOPICS } from '@haki/contracts';
import { createModel } from '@haki/platform-runtime';

/**
 * Who may read a referral's brief: one document per confirmed assignment, keyed by its offer id (the
 * brief link names the offer), written from matching's events. A cancelled assignment (reassigned,
 * withdrawn, volunteer unavailable) is revoked, and its link opens nothing from then on.
 */
export interface BriefAccessDocument {
  _id: string;
  referralId: string;
  professionalId: string;
  role: PayloadOf<typeof TOPICS.assignmentConfirmed>['role'];
  status: 'confirmed' | 'revoked';
}

const schema = new Schema<BriefAccessDocument>(
  { _id: String, referralId: String, professionalId: String, role: String, status: String },
  { versionKey: false },
);

export const briefAccessModel = (connection: Connection): Promise<Model<BriefAccessDocument>> =>
  createModel(connection, 'BriefAccess', schema, 'brief_access');

/** Each time a brief was opened, by whom: kept here beside the sealed data, and told to the case timeline. */
export interface BriefOpeningDocument {
  _id: string;
  offerId: string;
  referralId: string;
  professionalId: string;
  openedAt: Date;
}

const openingSchema = new Schema<BriefOpeningDocument>(
  { _id: String, offerId: String, referralId: String, professionalId: String, openedAt: Date },
  { versionKey: false },
);

export const briefOpeningModel = (connection: Connection): Promise<Model<BriefOpeningDocument>> =>
  createModel(connection, 'BriefOpening', openingSchema, 'brief_openings');
