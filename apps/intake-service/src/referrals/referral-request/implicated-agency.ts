import type { Logger } from '@haki/platform-logging';
import { agencyKey, resolveAgency } from '@haki/vocabulary';

/** The agency a referral implicates, as matching checks volunteers' conflicts against it. */
export interface ImplicatedAgency {
  /** The register id, or for an agency the register does not list, the key its name gives ("police:gatundu"). */
  key: string;
  /** True when the register does not list it: a volunteer's declared conflict (a register id) cannot match it. */
  unlisted: boolean;
}

/**
 * The implicated agency of a referral, from staff's words. Unlike the roster, intake does not refuse a
 * name the register lacks: a referral is often urgent (a body to be buried, someone held now), and a
 * station missing from the list must not hold it up. It goes on under the key its name gives, which
 * still matches a conflict stored under that same key, and is flagged so ops add the station to the
 * register (data/SOURCES.md in @haki/vocabulary) and correct the referral.
 */
export function implicatedAgency(staffWords: string): ImplicatedAgency {
  const resolved = resolveAgency(staffWords);
  if ('id' in resolved) return { key: resolved.id, unlisted: false };
  // The request schema refuses a name with no words in it, so there is always a key here.
  return { key: agencyKey(staffWords)!, unlisted: true };
}

/**
 * Tells ops a referral names an agency the register lacks, so they add it. The referral id and county
 * only: not the name nor its key, which are staff's words and could carry a person's name.
 */
export function logUnlistedAgency(logger: Logger, referralId: string, county: string): void {
  logger.warn(
    { referralId, county, agencyUnlisted: true },
    'implicated agency not in the register: add it (libs/vocabulary/data/agencies.csv)',
  );
}
