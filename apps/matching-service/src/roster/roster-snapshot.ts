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
 * instead of three collection reads per ranking (on FerretDB each is a scan). It may lag by that much;
 * nothing depends on it being exact:
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

  /** Drops the snapshot: the next ranking reads the database (after a roster change). */
  invalidate(): void {
    this.roster = undefined;
  }

  /** This instance reserved (+1) or freed (-1) a slot: counted now, not at the next refresh. */
  noteSlot(professionalId: string, change: 1 | -1): void {
    const open = this.roster?.openCases;
    if (open) open.set(professionalId, Math.max(0, (open.get(professionalId) ?? 0) + change));
  }

  private async current(): Promise<Roster> {
    if (this.roster && Date.now() - this.roster.loadedAt < this.config.ROSTER_REFRESH_MS) return this.roster;
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async load(): Promise<Roster> {
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
    this.roster = { loadedAt, professionals, openCases, histories };
    return this.roster;
  }
}
