import { Inject, Injectable } from '@nestjs/common';
import type { Model } from 'mongoose';
import type { Logger } from '@haki/platform-logging';
import { LOGGER, SERVICE_CONFIG } from '@haki/platform-runtime';
import type { Role } from '@haki/vocabulary';
import type { MatchingConfig } from '../config';
import { CAPACITY_SLOTS, OFFER_OUTCOMES, PROFESSIONALS } from '../matching.tokens';
import type { OfferOutcomes } from '../offer-history/offer-outcome.model';
import { loadHistories, type History } from '../offer-history/professional-history';
import { openCasesByProfessional, type CapacitySlots } from './capacity';
import { toProfessional, type ProfessionalDocument } from './professional.model';

/** What ranking reads about the roster: the active professionals, their open cases and their history. */
export interface Roster {
  loadedAt: number;
  professionals: ProfessionalDocument[];
  openCases: Map<string, number>;
  histories: Map<string, History>;
}

/**
 * The roster held in memory for ranking, read from the database at most every ROSTER_REFRESH_MS
 * instead of three collection reads per ranking (on FerretDB each is a scan). It may lag by that much
 * and the time of one re-read; nothing depends on it being exact:
 * - capacity is enforced by the slot insert when an offer goes out (a stale count costs one failed
 *   reservation, and the next candidate is asked), and this instance counts its own reservations and
 *   releases at once;
 * - whoever left the roster or went on leave is re-read by `_id` before an offer goes out;
 * - roster changes made through this instance refresh it at once (`invalidate`).
 */
@Injectable()
export class RosterSnapshot {
  private roster: Roster | undefined;
  private loading: Promise<Roster> | undefined;
  /** Bumped by `invalidate`, so a read started before it is not kept. */
  private generation = 0;

  constructor(
    @Inject(PROFESSIONALS) private readonly professionals: Model<ProfessionalDocument>,
    @Inject(CAPACITY_SLOTS) private readonly slots: CapacitySlots,
    @Inject(OFFER_OUTCOMES) private readonly outcomes: OfferOutcomes,
    @Inject(SERVICE_CONFIG) private readonly config: MatchingConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** The active professionals of a role, with the open cases and histories of the same snapshot. */
  async forRole(role: Role): Promise<Roster> {
    const roster = await this.current();
    return { ...roster, professionals: roster.professionals.filter((doc) => doc.roles.includes(role)) };
  }

  /** Every active professional with their open cases (the roster admin list), as of this snapshot. */
  all(): Promise<Roster> {
    return this.current();
  }

  /** Drops the snapshot: the next ranking reads the database (after a roster change). */
  invalidate(): void {
    this.roster = undefined;
    // A read already under way may predate the change: it must not become the snapshot.
    this.loading = undefined;
    this.generation += 1;
  }

  /** This instance reserved (+1) or freed (-1) a slot: counted now, not at the next refresh. */
  noteSlot(professionalId: string, change: 1 | -1): void {
    const open = this.roster?.openCases;
    if (open) open.set(professionalId, Math.max(0, (open.get(professionalId) ?? 0) + change));
  }

  /**
   * The snapshot, re-read once it is ROSTER_REFRESH_MS old. A ranking does not wait for that re-read:
   * it uses the snapshot in hand while the next one loads (a re-read of 1,000 professionals takes
   * hundreds of milliseconds on FerretDB, and one referral in five waited for it at 1/s). It waits only
   * when there is none: at start, after `invalidate`, and always when ROSTER_REFRESH_MS is 0.
   */
  private async current(): Promise<Roster> {
    const age = this.roster ? Date.now() - this.roster.loadedAt : Infinity;
    if (age < this.config.ROSTER_REFRESH_MS) return this.roster!;
    const loading = this.refresh();
    return !this.roster || this.config.ROSTER_REFRESH_MS === 0 ? loading : this.roster;
  }

  /** One read at a time; a failed one is logged here and rejects for whoever waits on it. */
  private refresh(): Promise<Roster> {
    if (this.loading) return this.loading;
    const loading = this.load().finally(() => {
      if (this.loading === loading) this.loading = undefined;
    });
    loading.catch((error) => this.logger.warn({ err: error }, 'roster snapshot read failed; the last one stays in use'));
    this.loading = loading;
    return loading;
  }

  private async load(): Promise<Roster> {
    const generation = this.generation;
    const loadedAt = Date.now();
    const [active, openCases] = await Promise.all([this.professionals.find({ active: true }).lean(), openCasesByProfessional(this.slots)]);
    // A record that fails validation is left out and logged: one bad entry must not stop matching for everybody.
    const professionals = active.filter((doc) => {
      try {
        toProfessional(doc, 0);
        return true;
      } catch (error) {
        this.logger.warn({ professionalId: doc._id, err: error }, 'invalid roster record left out of matching');
        return false;
      }
    });
    const histories = await loadHistories(this.outcomes, loadedAt);
    const roster = { loadedAt, professionals, openCases, histories };
    if (generation === this.generation) this.roster = roster;
    return roster;
  }
}
