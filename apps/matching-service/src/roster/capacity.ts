import { Schema, type Connection, type Model } from 'mongoose';
import { isDuplicateKeyError } from '@haki/platform-messaging';
import { createModel } from '@haki/platform-runtime';

/**
 * A professional's capacity as numbered slots: one document per open assignment, `_id`
 * `<professionalId>#<slot>` with slot < capacity (< MAX_CAPACITY). Reserving is an insert, and the database's unique
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

/**
 * The slots one referral may hold (`_id` = referral id), so its holders are found by `_id` lookups and
 * not by a query on `capacity_slots.referralId` (a full read on FerretDB: docs/performance.md). Only the
 * referral's single writer (docs/decisions/0004) changes it, so its updates never race. A slot id is
 * listed before the slot is taken: after a crash the list may name a slot the referral never got or
 * has since freed, so every use checks the slot itself, and the list is a superset, never missing one.
 */
export interface CapacityHoldingDocument {
  _id: string;
  slotIds: string[];
}

const holdingSchema = new Schema<CapacityHoldingDocument>({ _id: String, slotIds: [String] }, { versionKey: false });

export type CapacityHoldings = Model<CapacityHoldingDocument>;

export const capacityHoldingsModel = (connection: Connection): Promise<CapacityHoldings> =>
  createModel(connection, 'CapacityHolding', holdingSchema, 'capacity_holdings');

/** Who is reserved: a professional and how many open cases they take. */
export interface Professional {
  _id: string;
  capacity: number;
}

/** Capacity's upper bound (professional-profile.ts): a professional's slots are `#0` to `#19` at most. */
export const MAX_CAPACITY = 20;

const slotId = (professionalId: string, slot: number) => `${professionalId}#${slot}`;
const professionalOf = (id: string) => id.slice(0, id.lastIndexOf('#'));

/**
 * Reserves and frees capacity slots, reading and writing only by `_id`. Reservations and releases for
 * a referral must come from its single writer (the holdings list is updated without a lock).
 */
export class CapacityLedger {
  /**
   * Slots this process last saw taken: a hint that spares a lookup per taken slot. The unique `_id`
   * of the insert still decides; a stale hint is checked before a professional is called full.
   */
  private readonly takenHint = new Set<string>();

  constructor(
    private readonly slots: CapacitySlots,
    private readonly holdings: CapacityHoldings,
  ) {}

  /**
   * `reserve` for several professionals at once (the offers of one decision): one read and one write of
   * the referral's holdings and the first slot inserts in parallel, instead of four round trips one
   * after another per professional. A professional whose first slot was taken meanwhile goes through
   * `reserve`, one at a time (the holdings list takes one writer at a time). In the given order.
   */
  async reserveAll(professionals: readonly Professional[], referralId: string): Promise<boolean[]> {
    if (professionals.length === 0) return [];
    const listed = await this.listed(referralId);
    const asked = new Set(professionals.map((professional) => professional._id));
    const held = await this.held(
      referralId,
      listed.filter((id) => asked.has(professionalOf(id))),
    );
    const holding = new Set(held.map((slot) => slot.professionalId));
    const firstTry = new Map<string, string>();
    for (const professional of professionals) {
      const id = this.firstFreeLooking(professional);
      if (!holding.has(professional._id) && id) firstTry.set(professional._id, id);
    }
    const toList = [...firstTry.values()].filter((id) => !listed.includes(id));
    if (toList.length) await this.holdings.updateOne({ _id: referralId }, { $addToSet: { slotIds: { $each: toList } } }, { upsert: true });
    const inserted = await Promise.all(
      professionals.map((professional) => {
        const id = firstTry.get(professional._id);
        return holding.has(professional._id) ? true : id ? this.take(id, professional._id, referralId) : false;
      }),
    );
    const results: boolean[] = [];
    for (const [i, professional] of professionals.entries()) results.push(inserted[i] || (await this.reserve(professional, referralId)));
    return results;
  }

  /** Takes a free slot for this referral, or confirms the one it holds. False when all slots are taken. */
  async reserve(professional: Professional, referralId: string): Promise<boolean> {
    const listed = await this.listed(referralId);
    const ofProfessional = listed.filter((id) => professionalOf(id) === professional._id);
    if ((await this.held(referralId, ofProfessional)).length > 0) return true;
    for (let n = 0; n < professional.capacity; n++) {
      const id = slotId(professional._id, n);
      if (this.takenHint.has(id)) continue;
      if (!listed.includes(id)) {
        await this.holdings.updateOne({ _id: referralId }, { $addToSet: { slotIds: id } }, { upsert: true });
        listed.push(id);
      }
      if (await this.take(id, professional._id, referralId)) return true; // else taken meanwhile: try the next
    }
    // Every slot looked taken: check the hints once against the database before saying no.
    const stale = Array.from({ length: professional.capacity }, (_, n) => slotId(professional._id, n)).filter((id) =>
      this.takenHint.has(id),
    );
    const current = await Promise.all(stale.map((id) => this.slots.exists({ _id: id })));
    if (current.every(Boolean)) return false;
    stale.forEach((id, i) => current[i] || this.takenHint.delete(id));
    return this.reserve(professional, referralId);
  }

  /** Inserts the slot; false when it is taken already. Either way the hint learns that it is taken. */
  private async take(id: string, professionalId: string, referralId: string): Promise<boolean> {
    try {
      await this.slots.create({ _id: id, professionalId, referralId, reservedAt: new Date() });
      return true;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      return false;
    } finally {
      this.takenHint.add(id);
    }
  }

  /** The professional's first slot not known to be taken, if any. */
  private firstFreeLooking(professional: Professional): string | undefined {
    for (let n = 0; n < professional.capacity; n++) {
      const id = slotId(professional._id, n);
      if (!this.takenHint.has(id)) return id;
    }
    return undefined;
  }

  /** Frees the referral's slot with this professional (offer declined, expired, case closed); a no-op when it holds none. */
  release(professionalId: string, referralId: string): Promise<void> {
    return this.releaseWhere(referralId, (professional) => professional === professionalId);
  }

  /**
   * Frees every slot this referral holds except those of `keep` (the professionals its policy state says
   * hold an offer or an assignment): a step retried after a crash may have reserved someone it then did
   * not offer, and a release may have been lost with the crash.
   */
  releaseAllExcept(referralId: string, keep: Iterable<string>): Promise<void> {
    const kept = new Set(keep);
    return this.releaseWhere(referralId, (professional) => !kept.has(professional));
  }

  /** The professionals holding a slot for this referral. */
  async holders(referralId: string): Promise<Set<string>> {
    const held = await this.held(referralId, await this.listed(referralId));
    return new Set(held.map((slot) => slot.professionalId));
  }

  /** The referrals holding one of this professional's slots: at most `MAX_CAPACITY` lookups by `_id`. */
  async referralsOf(professionalId: string): Promise<string[]> {
    const slots = await Promise.all(Array.from({ length: MAX_CAPACITY }, (_, n) => this.slots.findById(slotId(professionalId, n)).lean()));
    return slots.flatMap((slot) => (slot ? [slot.referralId] : []));
  }

  /** Only the listed slots of professionals to release are looked up: after a settle with nothing to free, one read. */
  private async releaseWhere(referralId: string, release: (professionalId: string) => boolean): Promise<void> {
    const listed = await this.listed(referralId);
    const candidates = listed.filter((id) => release(professionalOf(id)));
    if (!candidates.length) return;
    const held = await this.held(referralId, candidates);
    await Promise.all(held.map((slot) => this.slots.deleteOne({ _id: slot._id })));
    for (const slot of held) this.takenHint.delete(slot._id);
    // Drop from the list what is freed now and what was never (or is no longer) this referral's.
    if (candidates.length === listed.length) await this.holdings.deleteOne({ _id: referralId });
    else await this.holdings.updateOne({ _id: referralId }, { $pullAll: { slotIds: candidates } });
  }

  private async listed(referralId: string): Promise<string[]> {
    return (await this.holdings.findById(referralId).lean())?.slotIds ?? [];
  }

  /** Of these listed slots, those this referral really holds now. */
  private async held(referralId: string, listed: string[]): Promise<CapacitySlotDocument[]> {
    const slots = await Promise.all(listed.map((id) => this.slots.findById(id).lean<CapacitySlotDocument>()));
    return slots.filter((slot) => slot?.referralId === referralId) as CapacitySlotDocument[];
  }
}

/** Open assignments per professional, for ranking (load, capacity filter): one read of the open slots, which freed slots leave. */
export async function openCasesByProfessional(slots: CapacitySlots): Promise<Map<string, number>> {
  const counts = await slots.aggregate<{ _id: string; open: number }>([{ $group: { _id: '$professionalId', open: { $sum: 1 } } }]);
  return new Map(counts.map((c) => [c._id, c.open]));
}
