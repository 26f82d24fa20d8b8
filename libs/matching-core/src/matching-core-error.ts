/** Codes this library raises; the platform's error catalogue (contracts) lists them with their meaning. */
export const MATCHING_CORE_ERROR_CODES = [
  'MATCHING.NO_ROLES',
  'MATCHING.DUPLICATE_ROLE',
  'MATCHING.NO_REQUIREMENT',
  'MATCHING.INVALID_DEADLINE',
  'MATCHING.INVALID_WEIGHT',
  'MATCHING.UNKNOWN_REFERRAL',
  'MATCHING.DUPLICATE_PROFESSIONAL',
  'MATCHING.RELEASE_WITHOUT_RESERVATION',
  'MATCHING.INVALID_ROSTER',
  'MATCHING.INVALID_REFERRAL',
  'MATCHING.INVALID_RANK_OPTION',
  'MATCHING.INVALID_NOW',
  'MATCHING.INVALID_EVENT',
  'MATCHING.INVALID_POLICY',
  'MATCHING.INVALID_ROAD_NETWORK',
] as const;
export type MatchingCoreErrorCode = (typeof MATCHING_CORE_ERROR_CODES)[number];

/**
 * A coded error from this pure library, which cannot import the contracts' HakiError. Every one is a
 * caller's mistake that no retry can fix. The message starts with the code, so it reads in a log or a
 * simulator trace without the code field.
 */
export class MatchingCoreError extends Error {
  constructor(
    readonly code: MatchingCoreErrorCode,
    detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'MatchingCoreError';
  }
}
