import { Schema, type Connection, type Model } from 'mongoose';
import { parseProfessional, type Professional, type ProfessionalInput } from '@haki/matching-core';

/**
 * What matching knows of a volunteer: matching-core's Professional (roles, credentials, base,
 * schedule, capacity, history) but no names or phone numbers (the notification service has those).
 * `remainingCapacity` is the authority for reservations; `openCases` is derived from it.
 */
export interface ProfessionalDocument extends Omit<ProfessionalInput, 'id' | 'openCases'> {
  _id: string;
  homeTown: string;
  active: boolean;
  /** Capacity minus open assignments. Reserving decrements it only while it is above zero. */
  remainingCapacity: number;
  /** Referral ids holding a reservation: makes reserving idempotent for a retried referral. */
  reservations: string[];
}

// The profile fields are validated by matching-core's zod schema when read, so they are stored loosely.
const professionalSchema = new Schema<ProfessionalDocument>(
  { _id: String, homeTown: String, active: Boolean, capacity: Number, remainingCapacity: Number, reservations: [String] },
  { versionKey: false, strict: false },
);

export const professionalModel = (connection: Connection): Model<ProfessionalDocument> =>
  connection.model<ProfessionalDocument>('Professional', professionalSchema, 'professionals');

/**
 * The matching-core view of a stored professional. A reservation this referral already holds (a retry
 * after a crash) does not count against them, so the same person ranks exactly as on the first try.
 */
export function toProfessional(doc: ProfessionalDocument, forReferralId: string): Professional {
  const { _id, homeTown: _homeTown, active: _active, remainingCapacity, reservations, ...profile } = doc;
  const ownReservation = reservations.includes(forReferralId) ? 1 : 0;
  return parseProfessional({ ...profile, id: _id, openCases: Math.max(0, doc.capacity - remainingCapacity - ownReservation) });
}
