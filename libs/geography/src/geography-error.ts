/** Codes this library raises; the platform's error catalogue (contracts) lists them with their meaning. */
export const GEOGRAPHY_ERROR_CODES = ['GEOGRAPHY.UNKNOWN_COUNTY'] as const;
export type GeographyErrorCode = (typeof GEOGRAPHY_ERROR_CODES)[number];

/** A coded error from this pure library, which cannot import the contracts' HakiError. The message starts with the code. */
export class GeographyError extends Error {
  constructor(
    readonly code: GeographyErrorCode,
    detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'GeographyError';
  }
}
