import { Schema, type Connection, type Model } from 'mongoose';
import { createModel } from '@haki/platform-runtime';
import { outboxSchemaDefinition, type OutboxHolder } from '@haki/platform-messaging';
import type { SealedValue } from '@haki/platform-config';

export interface ReferralDocument extends OutboxHolder {
  _id: string;
  /**
   * `client:<account>:<Idempotency-Key>` (one account cannot replay another's), or `auto:<referral id>`:
   * a retried POST never makes a second referral.
   */
  idempotencyKey: string;
  /** Keyed fingerprint (`<kid>:<hmac>`, Sealer.fingerprint) of the validated request, to refuse a reused key with a different referral. */
  requestHash: string;
  status: 'submitted';
  serviceType: string;
  urgency: string;
  countyCode: number;
  countyName: string;
  coarseLocation: { lat: number; lon: number };
  deadline?: string;
  language?: string;
  /** Survivor, referrer, narrative, precise location and implicated agency: encrypted, never in events. */
  sealed: SealedValue;
  submittedAt: Date;
  /** The account that submitted it, and its organisation (whose staff may read the case). */
  submittedBy?: string;
  organisationId?: string;
}

const referralSchema = new Schema<ReferralDocument>(
  {
    _id: String,
    idempotencyKey: { type: String, required: true },
    requestHash: { type: String, required: true },
    status: { type: String, required: true },
    serviceType: String,
    urgency: String,
    countyCode: Number,
    countyName: String,
    coarseLocation: { lat: Number, lon: Number },
    deadline: String,
    language: String,
    sealed: { type: Object, required: true },
    submittedAt: Date,
    submittedBy: String,
    organisationId: String,
    ...outboxSchemaDefinition,
  },
  { versionKey: false },
);
referralSchema.index({ idempotencyKey: 1 }, { unique: true });

export const referralModel = (connection: Connection): Promise<Model<ReferralDocument>> =>
  createModel(connection, 'Referral', referralSchema, 'referrals');
