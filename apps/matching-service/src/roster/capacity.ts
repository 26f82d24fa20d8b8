import type { Model } from 'mongoose';
import type { ProfessionalDocument } from './professional.model';

/**
 * Reserves one unit of a professional's capacity for a referral, atomically: the filter only matches
 * while capacity remains and this referral holds no reservation yet, so concurrent matches can never
 * push anyone over capacity, and a retried referral never reserves twice. Returns whether this
 * referral now holds a reservation.
 */
export async function reserveCapacity(professionals: Model<ProfessionalDocument>, professionalId: string, referralId: string): Promise<boolean> {
  const result = await professionals.updateOne(
    { _id: professionalId, active: true, remainingCapacity: { $gt: 0 }, reservations: { $ne: referralId } },
    { $inc: { remainingCapacity: -1 }, $push: { reservations: referralId } },
  );
  if (result.modifiedCount === 1) return true;
  return (await professionals.countDocuments({ _id: professionalId, reservations: referralId })) === 1;
}

/** Gives the unit back (offer declined or expired); a no-op when this referral holds none. */
export async function releaseCapacity(professionals: Model<ProfessionalDocument>, professionalId: string, referralId: string): Promise<void> {
  await professionals.updateOne(
    { _id: professionalId, reservations: referralId },
    { $inc: { remainingCapacity: 1 }, $pullAll: { reservations: [referralId] } },
  );
}
