import { HakiError } from '@haki/contracts';

/**
 * Where evidence files live, as opaque bytes: a local directory by default, an S3-compatible bucket in
 * production. The store never sees plaintext: the evidence vault encrypts before it puts. Writes are
 * put-if-absent because evidence is never replaced: a record that needs another file gets a new record.
 */
export interface BlobStore {
  /**
   * Stores the bytes under key. Storing the same key again with identical bytes is a no-op; with
   * different bytes it throws EVIDENCE.CONTENT_CONFLICT.
   */
  put(key: string, bytes: Buffer): Promise<void>;
  /** The bytes, or null if nothing is stored under key. */
  get(key: string): Promise<Buffer | null>;
}

/** One path segment of a key: letters, digits and `._:-` only, so a key is safe as a file path and as an S3 key alike. */
const KEY_SEGMENT = /^[A-Za-z0-9._:-]+$/;

/** Whether a segment is usable in a key; `.` and `..` (and any `..`) are refused so a key can never climb out of the store's root. */
function isValidSegment(segment: string): boolean {
  return KEY_SEGMENT.test(segment) && segment !== '.' && !segment.includes('..');
}

/**
 * Refuses a key that is not `segment/segment/…`. Keys are built by our own code from ids that were
 * validated at the edge, so a bad one is a programming error (coded INTERNAL, as the architecture test
 * wants every thrown error coded), not a 4xx for the caller.
 */
export function assertValidBlobKey(key: string): void {
  if (!key.split('/').every(isValidSegment)) {
    throw new HakiError('INTERNAL', `invalid blob key ${JSON.stringify(key)}: segments of [A-Za-z0-9._:-] joined by "/", no ".."`);
  }
}

/** The key an evidence file is stored under: `<caseId>/<evidenceId>`, each id a single segment. */
export function evidenceBlobKey(caseId: string, evidenceId: string): string {
  for (const [name, id] of [
    ['case id', caseId],
    ['evidence id', evidenceId],
  ] as const) {
    if (!isValidSegment(id)) throw new HakiError('INTERNAL', `invalid ${name} for an evidence key: ${JSON.stringify(id)}`);
  }
  return `${caseId}/${evidenceId}`;
}

/** What put-if-absent does when the key is taken: the same bytes again are a retry (fine); other bytes are a conflict. */
export function assertSameBytes(key: string, stored: Buffer, offered: Buffer): void {
  if (!stored.equals(offered)) {
    throw new HakiError('EVIDENCE.CONTENT_CONFLICT', `a different file is already stored under ${key}`);
  }
}
