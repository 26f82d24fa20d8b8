import type { Roster } from './roster-snapshot';

/** What ranking one role of one referral needs: the roster snapshot, and who holds this referral's slots now. */
export interface RosterState extends Omit<Roster, 'loadedAt'> {
  /** Professionals already holding a slot for this referral (a retry after a crash), read fresh. */
  holders: Set<string>;
}
