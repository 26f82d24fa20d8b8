import { Schema, type Connection, type Model } from 'mongoose';
import { createModel } from '@haki/platform-runtime';

export interface CaseFacts {
  serviceType?: string;
  urgency?: string;
  countyName?: string;
  rolesNeeded?: string[];
}

export type OfferStatus =
  'offered' | 'accepted' | 'declined' | 'confirmed' | 'in-progress' | 'completed' | 'cancelled' | 'expired' | 'undelivered' | 'reminded';

/** What an event says about one offer: the case view folds these into each role's state. */
export interface OfferFact {
  offerId: string;
  role?: string;
  professionalId?: string;
  status: OfferStatus;
  reason?: string;
  /** The ranking's explanation of why this professional was offered the role (or who assigned them, and why). */
  explanation?: string;
}

/**
 * One event on a case's timeline, one document each (`_id` = event id). The case is the set of its
 * entries. Recording is an insert: idempotent through the unique id, and safe when events about one
 * case arrive at the same moment from different topics. (Pushing onto an array in one case document
 * would lose entries on FerretDB 1.24, whose updates are not atomic under concurrency: issue #3040.)
 */
export interface TimelineEntryDocument {
  _id: string;
  caseId: string;
  type: string;
  occurredAt: Date;
  summary: string;
  /** Non-identifying facts the event establishes about the case (from referral.submitted). */
  facts?: CaseFacts;
  offer?: OfferFact;
  /** The role a `referral.escalated` handed to ops. */
  escalatedRole?: string;
}

const schema = new Schema<TimelineEntryDocument>(
  // `type` is mongoose's keyword for a path's type, so a field named type needs the long form.
  {
    _id: String,
    caseId: String,
    type: { type: String },
    occurredAt: Date,
    summary: String,
    facts: Object,
    offer: Object,
    escalatedRole: String,
  },
  { versionKey: false },
);
schema.index({ caseId: 1, occurredAt: 1 });

export type CaseTimeline = Model<TimelineEntryDocument>;

export const caseTimelineModel = (connection: Connection): Promise<CaseTimeline> =>
  createModel(connection, 'TimelineEntry', schema, 'case_timeline');
