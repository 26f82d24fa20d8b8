import { Schema, type Connection, type Model } from 'mongoose';
import type { OutboxHolder } from '@haki/platform-messaging';
import { createModel } from '@haki/platform-runtime';
import { parseProfessional, type Professional, type ProfessionalInput } from '@haki/matching-core';

/**
 * What matching knows of a volunteer: matching-core's Professional (roles, credentials, base,
 * schedule, capacity, history) but no names or phone numbers (the notification service has those).
 * Open cases are not stored here but counted from capacity slots (capacity.ts); history (stats, recent
 * assignments) comes from offer outcomes (offer-history/). A roster change's events go out through
 * the roster's outbox relay (roster-admin/roster-changes.ts), not on this document: it has one writer.
 */
export interface ProfessionalDocument
  extends Omit<ProfessionalInput, 'id' | 'openCases' | 'stats' | 'recentAssignments'>, Partial<OutboxHolder> {
  _id: string;
  homeTown: string;
  active: boolean;
}

// The profile fields are validated by matching-core's zod schema when read, so they are stored loosely.
const professionalSchema = new Schema<ProfessionalDocument>(
  { _id: String, homeTown: String, active: Boolean, capacity: Number },
  { versionKey: false, strict: false },
);

export const professionalModel = (connection: Connection): Promise<Model<ProfessionalDocument>> =>
  createModel(connection, 'Professional', professionalSchema, 'professionals');

/** The matching-core view of a stored professional with `openCases` open assignments and their recent history. */
export function toProfessional(
  doc: ProfessionalDocument,
  openCases: number,
  history?: Pick<ProfessionalInput, 'stats' | 'recentAssignments'>,
): Professional {
  const { _id, homeTown, active, outbox, ...profile } = doc; // homeTown, active and the outbox are ours, not the profile's
  return parseProfessional({ ...profile, ...history, id: _id, openCases });
}
