import { Schema, type Connection, type Model } from 'mongoose';
import { createModel } from '@haki/platform-runtime';
import { outboxSchemaDefinition, type OutboxHolder } from '@haki/platform-messaging';

export interface OfferRecord {
  offerId: string;
  professionalId: string;
  role: string;
  expiresAt: Date;
}

/** Matching's view of one referral: its state, the offers made, and the events still to publish. */
export interface MatchingReferralDocument extends OutboxHolder {
  _id: string;
  state: 'matching' | 'offered' | 'escalated';
  serviceType: string;
  urgency: string;
  role: string;
  countyName: string;
  coarseLocation: { lat: number; lon: number };
  offers: OfferRecord[];
}

const schema = new Schema<MatchingReferralDocument>(
  {
    _id: String,
    state: String,
    serviceType: String,
    urgency: String,
    role: String,
    countyName: String,
    coarseLocation: { lat: Number, lon: Number },
    offers: [{ _id: false, offerId: String, professionalId: String, role: String, expiresAt: Date }],
    ...outboxSchemaDefinition,
  },
  { versionKey: false },
);

export const matchingReferralModel = (connection: Connection): Promise<Model<MatchingReferralDocument>> =>
  createModel(connection, 'MatchingReferral', schema, 'matching_referrals');
