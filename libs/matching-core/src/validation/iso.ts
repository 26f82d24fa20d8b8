import { z } from 'zod';

/**
 * The library's one spelling of an instant in text: ISO 8601 with seconds and a zone (Z or ±hh:mm), on a
 * day that exists. Date.parse alone is too forgiving: it rolls 30 February over into March and reads a
 * date-time without a zone as the machine's local time.
 */
export const ISO_INSTANT = z.iso.datetime({ offset: true });
/** A calendar day, YYYY-MM-DD, that exists (credential expiry dates). */
export const ISO_DATE = z.iso.date();

export const isIsoInstant = (value: unknown): value is string => ISO_INSTANT.safeParse(value).success;
export const isIsoDate = (value: unknown): value is string => ISO_DATE.safeParse(value).success;
