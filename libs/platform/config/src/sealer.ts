import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { HakiError } from '@haki/contracts';
import { ConfigError } from './load-config';

const TAG_BYTES = 16;

/** An encrypted value as stored: which key, the nonce, the GCM tag and the ciphertext. */
export interface SealedValue {
  kid: string;
  iv: string;
  tag: string;
  data: string;
}

/**
 * Seals personal data with AES-256-GCM: survivor and referrer PII before intake stores it, a
 * volunteer's contact details before matching hands them to the notification service over Kafka. Every value records its key
 * id, so keys rotate by adding a new key and making it active: old values still open, new ones use
 * the new key. GCM's tag makes tampering visible. `context` (the referral id) is bound as additional
 * authenticated data, so a sealed value copied onto another referral does not open.
 */
export class Sealer {
  constructor(
    private readonly keys: Map<string, Buffer>,
    private readonly activeKeyId: string,
    /** The variables the keys come from, named in errors: PII (intake) or CONTACT (matching, notification). */
    private readonly variables = 'PII',
  ) {
    if (!keys.has(activeKeyId)) {
      throw new ConfigError([{ variable: `${variables}_ACTIVE_KEY_ID`, reason: `${activeKeyId} is not among ${variables}_KEYS` }]);
    }
  }

  seal(value: unknown, context: string): SealedValue {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.activeKeyId)!, iv);
    cipher.setAAD(Buffer.from(context));
    const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return { kid: this.activeKeyId, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
  }

  open<T>(sealed: SealedValue, context: string): T {
    const key = this.keys.get(sealed.kid);
    if (!key) throw new HakiError('SEALED.UNKNOWN_KEY', `no key ${sealed.kid} configured in ${this.variables}_KEYS`);
    // GCM accepts tags as short as 4 bytes unless told otherwise: a forged short tag is far easier to guess.
    const tag = Buffer.from(sealed.tag, 'base64');
    if (tag.length !== TAG_BYTES) throw new HakiError('SEALED.INVALID', `sealed value has a ${tag.length}-byte tag, not ${TAG_BYTES}`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(tag);
    const plain = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
    return JSON.parse(plain.toString('utf8')) as T;
  }

  /** The value's fingerprint under every configured key, the active one first: to look up what was stored before a rotation. */
  fingerprints(value: unknown): string[] {
    return [this.activeKeyId, ...[...this.keys.keys()].filter((id) => id !== this.activeKeyId)].map((id) => this.fingerprint(value, id));
  }

  /** The key new values are sealed and fingerprinted with. */
  get activeKey(): string {
    return this.activeKeyId;
  }

  /** Whether a key id is configured (a fingerprint under a retired key can no longer be compared). */
  hasKey(keyId: string): boolean {
    return this.keys.has(keyId);
  }

  /**
   * A keyed fingerprint of a value (HMAC-SHA256 over its canonical JSON, keys sorted), `<kid>:<hex>`:
   * it tells whether two values are the same without being a bare hash that anyone who can guess the
   * value could confirm. The HMAC key is derived from the sealing key (HKDF), so it rotates with it; a
   * stored fingerprint is compared using the key id it names.
   */
  fingerprint(value: unknown, keyId = this.activeKeyId): string {
    const key = this.keys.get(keyId);
    if (!key) throw new HakiError('SEALED.UNKNOWN_KEY', `no key ${keyId} configured in ${this.variables}_KEYS`);
    const hmacKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'haki/fingerprint', 32));
    return `${keyId}:${createHmac('sha256', hmacKey).update(canonicalJson(value)).digest('hex')}`;
  }
}

/** JSON with every object's keys sorted: the same data gives the same text whatever order it came in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
