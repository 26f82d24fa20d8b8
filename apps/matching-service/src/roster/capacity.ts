import { Schema, type Connection, type Model } from 'mongoose';
import { isDuplicateKeyError } from '@haki/platform-messaging';
import { createModel } from '@haki/platform-runtime';

/**
 * A professional's capacity as numbered slots: one document per open assignment, `_id`
 * `<professionalId>#<slot>` with slot < capacity. Reserving is an insert, and the database's unique
 * `_id` decides races, so nobody is ever over capacity however many referrals are matched at once.
 *
 * Why not one conditional `updateOne` on the professional (`remaining > 0` → `$inc -1`)? MongoDB
 * applies that atomically, but FerretDB 1.24 (this repo's CI database) reads and writes in separate
 * steps (FerretDB issue #3040): in our test 4 of 25 concurrent reservations "won" 3 places. An insert
 * against a unique key is atomic on both.
 */
export interface CapacitySlotDocument {
  _id: string;
  professionalId: string;
  referralId: string;
  reservedAt: Date;
}

const schema = new Schema<CapacitySlotDocument>(
  { _id: String, professionalId: String, referralId: String, reservedAt: Date },
  { versionKey: false },
);
// One slot per professional and referral: a retried reservation finds the one it already holds.
schema.index({ professionalId: 1, referralId: 1 }, { unique: true });

export type CapacitySlots = Model<CapacitySlotDocument>;

export const capacitySlotsModel = (connection: Connection): Promise<CapacitySlots> =>
  createModel(connection, 'CapacitySlot', schema, 'capacity_slots');

/** Takes a free slot for this referral, or confirms the one it holds. False when all slots are taken. */
export async function reserveCapacity(
  slots: CapacitySlots,
  professional: { _id: string; capacity: number },
  referralId: string,
): Promise<boolean> {
  const holds = () => slots.exists({ professionalId: professional._id, referralId }).then(Boolean);
  if (await holds()) return true;
  for (let slot = 0; slot < professional.capacity; slot++) {
    try {
      await slots.create({ _id: `${professional._id}#${slot}`, professionalId: professional._id, referralId, reservedAt: new Date() });
      return true;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      if (await holds()) return true; // a concurrent retry of this same referral got there first
    }
  }
  return false;
}

/** Frees the referral's slot (offer declined, expired, case closed); a no-op when it holds none. */
export async function releaseCapacity(slots: CapacitySlots, professionalId: string, referralId: string): Promise<void> {
  await slots.deleteOne({ professionalId, referralId });
}

/**
 * Frees every slot this referral holds except those of `keep` (the professionals its policy state says
 * hold an offer or an assignment): a step retried after a crash may have reserved someone it then did
 * not offer, and a release may have been lost with the crash.
 */
export async function releaseSlotsExcept(slots: CapacitySlots, referralId: string, keep: Iterable<string>): Promise<void> {
  await slots.deleteMany({ referralId, professionalId: { $nin: [...keep] } });
}

/** Open assignments per professional, for ranking (load, capacity filter). */
export async function openCasesByProfessional(slots: CapacitySlots): Promise<Map<string, number>> {
  const counts = await slots.aggregate<{ _id: string; open: number }>([{ $group: { _id: '$professionalId', open: { $sum: 1 } } }]);
  return new Map(counts.map((c) => [c._id, c.open]));
}
