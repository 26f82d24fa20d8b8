import type { Model } from 'mongoose';
import type { Role } from '@haki/vocabulary';
import type { Logger } from '@haki/platform-logging';
import { loadHistories, type History } from '../offer-history/professional-history';
import type { OfferOutcomes } from '../offer-history/offer-outcome.model';
import { openCasesByProfessional, type CapacitySlots } from './capacity';
import { toProfessional, type ProfessionalDocument } from './professional.model';

export interface RosterState {
  professionals: ProfessionalDocument[];
  openCases: Map<string, number>;
  /** Professionals already holding a slot for this referral (a retry after a crash). */
  holders: Set<string>;
  /** Recent offers and assignments per professional (absent: no history yet). */
  histories: Map<string, History>;
}

/**
 * Everything ranking needs to know about the active professionals of one role, read fresh per
 * referral. A record that fails validation is left out and logged, so one bad roster entry cannot
 * stop matching for everybody else.
 */
export async function loadRosterState(
  professionals: Model<ProfessionalDocument>,
  slots: CapacitySlots,
  outcomes: OfferOutcomes,
  role: Role,
  referralId: string,
  logger: Logger,
): Promise<RosterState> {
  const [active, openCases, held] = await Promise.all([
    professionals.find({ roles: role, active: true }).lean(),
    openCasesByProfessional(slots),
    slots.find({ referralId }).lean(),
  ]);
  const valid = active.filter((doc) => {
    try {
      toProfessional(doc, 0);
      return true;
    } catch (error) {
      logger.warn({ professionalId: doc._id, err: error }, 'invalid roster record left out of matching');
      return false;
    }
  });
  const histories = await loadHistories(
    outcomes,
    valid.map((doc) => doc._id),
    Date.now(),
  );
  return { professionals: valid, openCases, holders: new Set(held.map((slot) => slot.professionalId)), histories };
}
