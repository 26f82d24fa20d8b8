import { Schema, type Connection, type Model } from 'mongoose';

export interface TimelineEntry {
  eventId: string;
  type: string;
  occurredAt: Date;
  summary: string;
}

/** The case record: the referral's non-identifying facts and the timeline of every event about it. */
export interface CaseDocument {
  _id: string; // the referral id: one case per referral
  serviceType?: string;
  urgency?: string;
  countyName?: string;
  /** Event ids already on the timeline: makes recording an event idempotent. */
  appliedEventIds: string[];
  timeline: TimelineEntry[];
}

const schema = new Schema<CaseDocument>(
  {
    _id: String,
    serviceType: String,
    urgency: String,
    countyName: String,
    appliedEventIds: [String],
    // `type` is mongoose's keyword for a path's type, so a field named type needs the long form.
    timeline: [{ _id: false, eventId: String, type: { type: String }, occurredAt: Date, summary: String }],
  },
  { versionKey: false },
);

export const caseModel = (connection: Connection): Model<CaseDocument> => connection.model<CaseDocument>('Case', schema, 'cases');
export const CASES = Symbol('CASES');
