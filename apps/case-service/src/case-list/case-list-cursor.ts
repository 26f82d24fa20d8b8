import { z } from 'zod';
import { CASE_SORTS, type CasePosition, type CaseSort } from './case-order';

/** What a cursor carries: the order it was made for and the position of the last row the page returned. */
export interface CaseListCursor extends CasePosition {
  sort: CaseSort;
}

const cursorBody = z.strictObject({
  sort: z.enum(CASE_SORTS),
  after: z.tuple([z.number(), z.number()]),
  caseId: z.string().min(1),
});

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * base64url JSON, opaque to clients. Not signed: a forged cursor can only move where the caller's own
 * list starts; every filter, including whatever access rules the caller adds, is applied to each page anew.
 */
export function encodeCursor(sort: CaseSort, position: CasePosition): string {
  const body: z.input<typeof cursorBody> = { sort, after: [position.primary, position.secondary], caseId: position.caseId };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

/** The cursor's contents, or undefined when it is not one this list gave out. */
export function decodeCursor(raw: string): CaseListCursor | undefined {
  // Node's base64url decoder skips characters outside the alphabet; checking first keeps garbage from decoding to something.
  if (!BASE64URL.test(raw)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const body = cursorBody.safeParse(json);
  if (!body.success) return undefined;
  const {
    sort,
    after: [primary, secondary],
    caseId,
  } = body.data;
  return { sort, primary, secondary, caseId };
}
