import { HakiError } from '@haki/contracts';

const REASON = 'must be 8-100 letters, digits, "_" or "-"';

/** The request's Idempotency-Key header (as intake takes it): absent is fine, malformed is a 400 naming it. */
export function idempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!/^[\w-]{8,100}$/.test(header)) {
    throw new HakiError('CASE.INVALID_REQUEST', `Idempotency-Key ${REASON}`, { fields: [{ field: 'Idempotency-Key', reason: REASON }] });
  }
  return header;
}
