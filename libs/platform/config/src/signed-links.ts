import { randomBytes } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { HakiError } from '@haki/contracts';
import { ConfigError } from './load-config';

/** What a link lets its holder do: answer an offer (single use), or read the brief of a confirmed assignment. */
export type LinkUse = 'respond' | 'brief';

export interface LinkClaims {
  /** The offer, and so the one professional it was made to (the service serving the page looks them up). */
  offerId: string;
  use: LinkUse;
  /** The link's own id: single-use links are spent by it. */
  linkId: string;
  expiresAt: Date;
}

const USE_CLAIM: Record<LinkUse, string> = { respond: 'r', brief: 'b' };

/**
 * Links sent to volunteers, signed with HS256 JWTs (jose): bound to one offer (made to one professional),
 * for one use, expiring. The notification service signs them; whichever service serves the page
 * verifies them with the same keys (LINK_KEYS, rotated like the sealing keys: a new active key signs,
 * the older ones still verify). Claims are kept short (`o`, `u`), since a link may travel in an SMS.
 */
export class LinkSigner {
  constructor(
    private readonly keys: Map<string, Buffer>,
    private readonly activeKeyId: string,
  ) {
    if (!keys.has(activeKeyId)) {
      throw new ConfigError([{ variable: 'LINK_ACTIVE_KEY_ID', reason: `${activeKeyId} is not among LINK_KEYS` }]);
    }
  }

  sign(claims: Omit<LinkClaims, 'linkId' | 'expiresAt'>, expiresAt: Date): Promise<string> {
    return new SignJWT({ o: claims.offerId, u: USE_CLAIM[claims.use] })
      .setProtectedHeader({ alg: 'HS256' })
      .setJti(randomBytes(9).toString('base64url'))
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.keys.get(this.activeKeyId)!);
  }

  /** The link's claims, or `LINK.EXPIRED` / `LINK.INVALID` (tampered, not ours, wrong use) naming why. */
  async verify(token: string, use: LinkUse): Promise<LinkClaims> {
    // No key id in the token (it would lengthen every link): each key is tried, the active one first.
    const keys = [this.keys.get(this.activeKeyId)!, ...[...this.keys].filter(([id]) => id !== this.activeKeyId).map(([, key]) => key)];
    for (const key of keys) {
      try {
        const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], requiredClaims: ['jti', 'exp'] });
        const { o, u, jti, exp } = payload as { o?: unknown; u?: unknown; jti: string; exp: number };
        if (u !== USE_CLAIM[use] || typeof o !== 'string') throw new HakiError('LINK.INVALID', 'this link is not for this page');
        return { offerId: o, use, linkId: jti, expiresAt: new Date(exp * 1000) };
      } catch (error) {
        if (error instanceof errors.JWSSignatureVerificationFailed) continue;
        if (error instanceof HakiError) throw error;
        // jose checks the signature before the claims: an expired token was signed by us.
        if (error instanceof errors.JWTExpired) throw new HakiError('LINK.EXPIRED', 'this link has expired');
        break;
      }
    }
    throw new HakiError('LINK.INVALID', 'this link is not valid');
  }
}
