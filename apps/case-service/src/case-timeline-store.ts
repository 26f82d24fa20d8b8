import { Inject, Injectable } from '@nestjs/common';
import { HakiError } from '@haki/contracts';
import { isDuplicateKeyError } from '@haki/platform-messaging';
import type { CaseEntry, CaseTimeline } from './case.model';
import { CASE_TIMELINE } from './case.tokens';

/** Slots read at once: one round trip of parallel lookups by `_id` per this many entries. */
const READ_BATCH = 8;
/** Cases whose slots this process remembers, so recording an event is usually a single insert. */
const REMEMBERED_CASES = 5_000;

interface KnownSlots {
  /** The first slot not known to be taken. */
  next: number;
  /** Events in slots before `next`. */
  eventIds: Set<string>;
  /** The entries of slots 0 … next-1, so folding a case after recording its event needs no read of its timeline. */
  entries: CaseEntry[];
}

/** Reads and appends a case's timeline slots (case.model.ts), only ever by `_id`. */
@Injectable()
export class CaseTimelineStore {
  // Least recently used first (a Map keeps insertion order): a hint, never the truth. Slots another
  // process filled are found when an insert meets them.
  private readonly known = new Map<string, KnownSlots>();

  constructor(@Inject(CASE_TIMELINE) private readonly slots: CaseTimeline) {}

  /** The case's entries in arrival order; empty if there is no such case. */
  async read(caseId: string): Promise<CaseEntry[]> {
    const entries: CaseEntry[] = [];
    for (let first = 0; ; first += READ_BATCH) {
      const batch = await Promise.all(
        Array.from({ length: READ_BATCH }, (_, i) => this.slots.findById(slotId(caseId, first + i)).lean<CaseEntry>()),
      );
      // Slots are filled without gaps, so the first empty one ends the timeline.
      const end = batch.findIndex((slot) => slot === null);
      entries.push(...(batch.slice(0, end === -1 ? READ_BATCH : end) as CaseEntry[]));
      if (end !== -1) return entries;
    }
  }

  /** Records the event in the next free slot; false if it is already on the timeline (a redelivery). */
  async append(caseId: string, entry: CaseEntry): Promise<boolean> {
    const known = await this.knownSlots(caseId);
    if (known.eventIds.has(entry.eventId)) return false;
    for (let slot = known.next; ; slot += 1) {
      try {
        await this.slots.create({ _id: slotId(caseId, slot), ...entry });
        learn(known, slot, entry);
        return true;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      // Taken since we last looked, by a concurrent event or another process: maybe by this very event.
      const taken = await this.slots.findById(slotId(caseId, slot)).lean<CaseEntry>();
      if (!taken) throw new HakiError('INTERNAL', `case timeline slot ${slotId(caseId, slot)} reported taken but not found`);
      learn(known, slot, taken);
      if (taken.eventId === entry.eventId) return false;
    }
  }

  /**
   * Records case work in exactly `slot`, the next free one when its author read the case: false if
   * something else took it meanwhile (the author reads again and re-checks its step). The slot's unique
   * `_id` makes this a compare-and-set without transactions.
   */
  async appendAt(caseId: string, slot: number, entry: CaseEntry): Promise<boolean> {
    // Whatever happens, forget what this process remembered of the case: the slots before `slot` may hold
    // events it never learned (another process's), which its next append must find to drop a redelivery.
    this.known.delete(caseId);
    try {
      await this.slots.create({ _id: slotId(caseId, slot), ...entry });
      return true;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      return false;
    }
  }

  /**
   * The case's entries as this process last saw them, without reading them again when it remembers the
   * case (it just recorded an event there); the caller checks that nothing follows (`hasSlot`) and
   * calls `read` if something does.
   */
  async remembered(caseId: string): Promise<CaseEntry[]> {
    return (await this.knownSlots(caseId)).entries.slice();
  }

  /** Drops what this process remembered of a case (it found slots it had not seen). */
  forget(caseId: string): void {
    this.known.delete(caseId);
  }

  /** Whether the case has an entry in `slot` (nothing was added after a reader's last slot if not). */
  async hasSlot(caseId: string, slot: number): Promise<boolean> {
    return (await this.slots.findById(slotId(caseId, slot), { _id: 1 }).lean()) !== null;
  }

  private async knownSlots(caseId: string): Promise<KnownSlots> {
    let known = this.known.get(caseId);
    if (known) {
      this.known.delete(caseId); // moved to the most recently used end
    } else {
      const entries = await this.read(caseId);
      known = { next: entries.length, eventIds: new Set(entries.map((entry) => entry.eventId)), entries };
      if (this.known.size >= REMEMBERED_CASES) this.known.delete(this.known.keys().next().value!);
    }
    this.known.set(caseId, known);
    return known;
  }
}

/** Slots are learned in order (append starts at `next` and walks up), so `entries` stays dense. */
function learn(known: KnownSlots, slot: number, entry: CaseEntry): void {
  known.eventIds.add(entry.eventId);
  known.entries[slot] = entry;
  known.next = Math.max(known.next, slot + 1);
}

export const slotId = (caseId: string, slot: number): string => `${caseId}/${slot}`;
