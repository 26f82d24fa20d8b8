import { Schema, type Connection, type Model } from 'mongoose';
import { createModel } from '@haki/platform-runtime';

/** A partner the network keeps on its list: a church, an NGO, a legal aid desk. Referrals name it as their source. */
export interface OrganisationDocument {
  /** A slug such as `org-lodwar-parish`: what accounts and referrals carry. */
  _id: string;
  name: string;
  /** What kind of partner it is, in the referral sources' words (church, ngo, hospital, …). */
  kind: string;
  /** Its county (constitutional code), when it works in one. */
  countyCode?: number;
  /** A retired partner stays on the list for the referrals that name it, but new ones cannot. */
  active: boolean;
  addedBy: string;
  addedAt: Date;
}

const organisationSchema = new Schema<OrganisationDocument>(
  { _id: String, name: String, kind: String, countyCode: Number, active: Boolean, addedBy: String, addedAt: Date },
  { versionKey: false },
);
export const organisationModel = (connection: Connection): Promise<Model<OrganisationDocument>> =>
  createModel(connection, 'Organisation', organisationSchema, 'organisations');
