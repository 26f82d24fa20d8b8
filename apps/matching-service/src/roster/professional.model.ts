import { Schema, type Connection, type Model } from 'mongoose';
import type { Role } from '@haki/contracts';

/** What matching knows of a volunteer: no names or phone numbers (the notification service has those). */
export interface ProfessionalDocument {
  _id: string;
  roles: Role[];
  home: { lat: number; lon: number };
  homeTown: string;
  active: boolean;
  capacity: number;
  /** Capacity minus open assignments. Reserving decrements it only while it is above zero. */
  remainingCapacity: number;
  /** Referral ids holding a reservation: makes reserving idempotent for a retried referral. */
  reservations: string[];
}

const professionalSchema = new Schema<ProfessionalDocument>(
  {
    _id: String,
    roles: [String],
    home: { lat: Number, lon: Number },
    homeTown: String,
    active: Boolean,
    capacity: Number,
    remainingCapacity: Number,
    reservations: [String],
  },
  { versionKey: false },
);

export const professionalModel = (connection: Connection): Model<ProfessionalDocument> =>
  connection.model<ProfessionalDocument>('Professional', professionalSchema, 'professionals');
