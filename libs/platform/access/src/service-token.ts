import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { HakiError } from '@haki/contracts';
import { ACCESS_ROLES, type AccessRole } from './roles';
import type { Principal } from './principal';

/**
 * The short-lived token the gateway attaches to every request it forwards (`Authorization: Bearer`),
 * signed with Ed25519 (EdDSA): services hold only public keys, so a compromised service cannot mint
 * tokens for the others. Lifetime is a minute: enough for one forwarded request and its retries.
 */
const ISSUER = 'haki-gateway';
/**
 * Each token names the one service it is for (its audience), so a service that is compromised cannot
 * replay the tokens it receives to the others. Operator tools and tests name all four.
 */
export const SERVICE_AUDIENCES = ['intake-service', 'matching-service', 'notification-service', 'case-service'] as const;
export const SERVICE_TOKEN_LIFETIME_SECONDS = 60;

/** `keyId:<base64 DER>` in PKCS#8: the gateway's signing key. */
export function parseSigningKey(value: string): { keyId: string; key: KeyObject } {
  const [keyId, material] = splitKey(value);
  const key = createPrivateKey({ key: Buffer.from(material, 'base64'), format: 'der', type: 'pkcs8' });
  if (key.asymmetricKeyType !== 'ed25519') throw new HakiError('CONFIG.INVALID', `service token key ${keyId} is not an Ed25519 key`);
  return { keyId, key };
}

/** `keyId:<base64 DER>` in SPKI, several by commas (rotation: add the new public key everywhere, then switch the gateway). */
export function parseVerifyKeys(value: string): Map<string, KeyObject> {
  const keys = new Map<string, KeyObject>();
  for (const entry of value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    const [keyId, material] = splitKey(entry);
    const key = createPublicKey({ key: Buffer.from(material, 'base64'), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'ed25519') throw new HakiError('CONFIG.INVALID', `service token key ${keyId} is not an Ed25519 key`);
    keys.set(keyId, key);
  }
  if (!keys.size) throw new HakiError('CONFIG.INVALID', 'no service token verify key given');
  return keys;
}

function splitKey(value: string): [string, string] {
  const at = value.indexOf(':');
  if (at < 1) throw new HakiError('CONFIG.INVALID', 'a service token key must be keyId:<base64 DER>');
  return [value.slice(0, at).trim(), value.slice(at + 1).trim()];
}

/** A new key pair in the env formats above (start scripts and tests make one; production keeps it in a secret store). */
export function generateServiceTokenKeyPair(keyId: string): { signingKey: string; verifyKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    signingKey: `${keyId}:${privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64')}`,
    verifyKey: `${keyId}:${publicKey.export({ format: 'der', type: 'spki' }).toString('base64')}`,
  };
}

export class ServiceTokenIssuer {
  constructor(private readonly signing: { keyId: string; key: KeyObject }) {}

  issue(principal: Principal, audience: string | readonly string[]): Promise<string> {
    return new SignJWT({
      roles: principal.roles,
      ...(principal.organisationId ? { org: principal.organisationId } : {}),
      ...(principal.professionalId ? { pro: principal.professionalId } : {}),
    })
      .setProtectedHeader({ alg: 'EdDSA', kid: this.signing.keyId })
      .setIssuer(ISSUER)
      .setAudience(typeof audience === 'string' ? audience : [...audience])
      .setSubject(principal.subject)
      .setIssuedAt()
      .setExpirationTime(`${SERVICE_TOKEN_LIFETIME_SECONDS}s`)
      .sign(this.signing.key);
  }
}

export class ServiceTokenVerifier {
  constructor(
    private readonly keys: Map<string, KeyObject>,
    /** This service's name: a token for another service is refused. */
    private readonly audience: string,
  ) {}

  /** The principal the token carries; ACCESS.UNAUTHENTICATED for anything not signed by a known key, expired or malformed. */
  async verify(token: string): Promise<Principal> {
    try {
      const { payload } = await jwtVerify(token, (header) => this.keyFor(header.kid), {
        algorithms: ['EdDSA'],
        issuer: ISSUER,
        audience: this.audience,
        clockTolerance: 5,
        maxTokenAge: SERVICE_TOKEN_LIFETIME_SECONDS * 2,
        requiredClaims: ['sub', 'exp', 'iat'],
      });
      const roles = Array.isArray(payload['roles']) ? payload['roles'] : [];
      if (!roles.every((role): role is AccessRole => ACCESS_ROLES.includes(role as AccessRole))) throw unauthenticated('unknown role');
      const organisationId = typeof payload['org'] === 'string' ? payload['org'] : undefined;
      const professionalId = typeof payload['pro'] === 'string' ? payload['pro'] : undefined;
      return { subject: payload.sub!, roles, ...(organisationId ? { organisationId } : {}), ...(professionalId ? { professionalId } : {}) };
    } catch (error) {
      if (error instanceof HakiError) throw error;
      if (error instanceof joseErrors.JOSEError) throw unauthenticated(error.code);
      throw unauthenticated('malformed token');
    }
  }

  private keyFor(keyId: string | undefined): KeyObject {
    const key = keyId ? this.keys.get(keyId) : undefined;
    if (!key) throw unauthenticated('unknown key');
    return key;
  }
}

const unauthenticated = (reason: string) =>
  new HakiError('ACCESS.UNAUTHENTICATED', `no valid service token (${reason}); come in through the gateway`);
