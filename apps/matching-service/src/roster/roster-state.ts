import type { Model } from 'mongoose';
import type { Role } from '@haki/matching-core';
import { openCasesByProfessional, type CapacitySlots } from './capacity';
import type { ProfessionalDocument } from './professional.model';

export interface RosterState {
  professionals: ProfessionalDocument[];
  openCases: Map<string, number>;
  /** Professionals already holding a slot for this referral (a retry after a crash). */
  holders: Set<string>;
}

/** Everything ranking needs to know about the active professionals of one role, read fresh per referral. */
export async function loadRosterState(
  professionals: Model<ProfessionalDocument>,
  slots: CapacitySlots,
  role: Role,
  referralId: string,
): Promise<RosterState> {
  const [active, openCases, held] = await Promise.all([
    professionals.find({ roles: role, active: true }).lean(),
    openCasesByProfessional(slots),
    slots.find({ referralId }).lean(),
  ]);
  return { professionals: active, openCases, holders: new Set(held.map((slot) => slot.professionalId)) };
}
