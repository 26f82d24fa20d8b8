import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { HakiError } from '@haki/contracts';
import { ConfigError } from './load-config';

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
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    const plain = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
    return JSON.parse(plain.toString('utf8')) as T;
  }
}
