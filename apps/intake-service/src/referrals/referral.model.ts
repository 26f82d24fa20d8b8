import { Schema, type Connection, type Model } from 'mongoose';
import { createModel } from '@haki/platform-runtime';
import { outboxSchemaDefinition, type OutboxHolder } from '@haki/platform-messaging';
import type { SealedValue } from '@haki/platform-config';
import type { ReferralAssessment } from './referral-request/referral-facts';
import type { ReferralTiming } from './referral-request/timing';
import type { PhoneChannel } from '../phone-intake/phone-draft';

export const REFERRAL_STATUSES = [
  'submitted',
  'awaiting-consent',
  'possible-duplicate',
  'awaiting-call-back',
  'linked',
  'withdrawn',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export interface ReferralDocument extends OutboxHolder {
  _id: string;
  /**
   * `client:<account>:<Idempotency-Key>` (one account cannot replay another's), or `auto:<referral id>`:
   * a retried POST never makes a second referral.
   */
  idempotencyKey: string;
  /** Keyed fingerprint (`<kid>:<hmac>`, Sealer.fingerprint) of the validated request, to refuse a reused key with a different referral. */
  requestHash: string;
  /**
   * `submitted`: announced to matching. Held back, announced to nobody: `awaiting-consent` (no required
   * role is covered yet), `possible-duplicate` (until staff link it or keep it separate),
   * `awaiting-call-back` (by USSD or SMS from a phone the network does not know, until an intake worker
   * has called the referrer back: a hostile number cannot fill the queue). `linked`: it
   * joined the case of `linkedTo` and reserves nobody. `withdrawn`: by intake staff.
   */
  status: ReferralStatus;
  /** `referral.submitted`'s payload but for id and time, kept to announce a held referral later. */
  facts?: ReferralAssessment['facts'];
  /** The clocks as the worker saw them at submission, and staff's change to the urgency. */
  timing?: Pick<ReferralTiming, 'clocks' | 'rule' | 'clockUrgency' | 'urgencyChange'>;
  /** Which point matching ranks from, and how far off it may be (the town's name stays sealed). */
  place?: { used: string; precisionKm: number };
  consent?: ReferralAssessment['consent'];
  /** Open referrals of the same person, day and county found through the incident index. */
  probableDuplicates?: string[];
  /** Open cases of the same incident reported by other organisations: named to supervisors only, who decide. */
  duplicatesElsewhere?: string[];
  /** The referral (the case) this one joined. */
  linkedTo?: string;
  /** The validated request as submitted or last amended (sealed): an amendment is merged onto it and validated whole. */
  sealedRequest?: SealedValue;
  /** 1 at submission, one more per change: a change is written only onto the version it was made from. */
  version?: number;
  withdrawal?: { reason: string; by: string; at: Date };
  /** Staff's decision on a possible duplicate. */
  duplicateDecision?: { decision: 'link' | 'separate'; reason?: string; by: string; at: Date };
  serviceType: string;
  urgency: string;
  countyCode: number;
  countyName: string;
  coarseLocation: { lat: number; lon: number };
  deadline?: string;
  language?: string;
  /**
   * The implicated agency is not in the agency register: the referral went on, matched on the key its
   * name gives, so ops add the agency to the register. Absent when it is listed.
   */
  implicatedAgencyUnlisted?: true;
  /** Survivor, referrer, narrative, town, landmark, precise location and implicated agency: encrypted, never in events. */
  sealed: SealedValue;
  submittedAt: Date;
  /** The account that submitted it, and its organisation (whose staff may read the case). */
  submittedBy?: string;
  organisationId?: string;
  /** How it arrived: the web API (absent), a USSD session or an SMS (issue #15). */
  channel?: PhoneChannel;
  /** The short reference a phone referrer was given (`referrals_awaiting_call_back` and the SMS replies use it). */
  reference?: string;
  /** The intake worker's call-back on a referral from an unknown phone. */
  callBack?: { outcome: 'genuine' | 'not-genuine'; note?: SealedValue; by: string; at: Date };
}

const referralSchema = new Schema<ReferralDocument>(
  {
    _id: String,
    idempotencyKey: { type: String, required: true },
    requestHash: { type: String, required: true },
    status: { type: String, required: true },
    facts: Object,
    timing: Object,
    place: Object,
    consent: Object,
    probableDuplicates: { type: [String], default: undefined },
    duplicatesElsewhere: { type: [String], default: undefined },
    linkedTo: String,
    duplicateDecision: Object,
    sealedRequest: Object,
    version: Number,
    withdrawal: Object,
    serviceType: String,
    urgency: String,
    countyCode: Number,
    countyName: String,
    coarseLocation: { lat: Number, lon: Number },
    deadline: String,
    language: String,
    implicatedAgencyUnlisted: Boolean,
    sealed: { type: Object, required: true },
    submittedAt: Date,
    submittedBy: String,
    organisationId: String,
    channel: String,
    reference: String,
    callBack: Object,
    ...outboxSchemaDefinition,
  },
  { versionKey: false },
);
referralSchema.index({ idempotencyKey: 1 }, { unique: true });

export const referralModel = (connection: Connection): Promise<Model<ReferralDocument>> =>
  createModel(connection, 'Referral', referralSchema, 'referrals');
