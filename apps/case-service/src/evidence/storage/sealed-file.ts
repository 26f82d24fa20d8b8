import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { HakiError } from '@haki/contracts';

/**
 * The stored form of an evidence file, AES-256-GCM:
 *
 *   'HKE1' | key id length (1 byte) | key id (UTF-8) | IV (12 bytes) | tag (16 bytes) | ciphertext
 *
 * The magic names the format's version, so a future format can sit beside this one. The key id says
 * which master key the case key was derived from, so files written before a rotation still open.
 */
const MAGIC = Buffer.from('HKE1', 'ascii');
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** The header gives the key id's length in one byte. */
export const MAX_KEY_ID_BYTES = 255;

export interface SealInput {
  keyId: string;
  key: Buffer;
  /** Bound into the tag: the file opens only for this same value (the record it belongs to). */
  associatedData: string;
  plaintext: Buffer;
}

export function sealEvidence({ keyId, key, associatedData, plaintext }: SealInput): Buffer {
  const keyIdBytes = Buffer.from(keyId, 'utf8');
  if (keyIdBytes.length === 0 || keyIdBytes.length > MAX_KEY_ID_BYTES) {
    throw new HakiError('INTERNAL', `an evidence key id must be 1–${MAX_KEY_ID_BYTES} bytes of UTF-8`);
  }
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([MAGIC, Buffer.from([keyIdBytes.length]), keyIdBytes, iv, cipher.getAuthTag(), ciphertext]);
}

export type UnsealOutcome =
  | { kind: 'opened'; content: Buffer; keyId: string }
  /** The header parsed but GCM refused: the ciphertext, tag or IV changed, or the file belongs to another record. */
  | { kind: 'altered' }
  /** Not a file this format wrote (wrong magic, truncated header). */
  | { kind: 'malformed' };

/**
 * Opens a sealed file. `keyFor` turns the header's key id into the key (and throws if that id is not
 * configured: a configuration problem, not a damaged file, so it is not an outcome here).
 */
export function unsealEvidence(sealed: Buffer, associatedData: string, keyFor: (keyId: string) => Buffer): UnsealOutcome {
  const header = parseHeader(sealed);
  if (!header) return { kind: 'malformed' };
  const decipher = createDecipheriv('aes-256-gcm', keyFor(header.keyId), header.iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(associatedData, 'utf8'));
  decipher.setAuthTag(header.tag);
  try {
    const content = Buffer.concat([decipher.update(header.ciphertext), decipher.final()]);
    return { kind: 'opened', content, keyId: header.keyId };
  } catch {
    // node:crypto's only failure in final() for GCM is "unable to authenticate data".
    return { kind: 'altered' };
  }
}

interface SealedHeader {
  keyId: string;
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

function parseHeader(sealed: Buffer): SealedHeader | null {
  if (sealed.length < MAGIC.length + 1 || !sealed.subarray(0, MAGIC.length).equals(MAGIC)) return null;
  const keyIdLength = sealed[MAGIC.length]!;
  const keyIdStart = MAGIC.length + 1;
  const ivStart = keyIdStart + keyIdLength;
  const tagStart = ivStart + IV_BYTES;
  const ciphertextStart = tagStart + TAG_BYTES;
  if (keyIdLength === 0 || sealed.length < ciphertextStart) return null;
  const keyIdBytes = sealed.subarray(keyIdStart, ivStart);
  const keyId = keyIdBytes.toString('utf8');
  // A key id that does not survive a UTF-8 round trip was not written by sealEvidence.
  if (!Buffer.from(keyId, 'utf8').equals(keyIdBytes)) return null;
  return {
    keyId,
    iv: sealed.subarray(ivStart, tagStart),
    tag: sealed.subarray(tagStart, ciphertextStart),
    ciphertext: sealed.subarray(ciphertextStart),
  };
}
