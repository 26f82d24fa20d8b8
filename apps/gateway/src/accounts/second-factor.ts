import { generateSecret, generateURI, verifySync } from 'otplib';
import type { Redis } from 'ioredis';

/** A new TOTP secret and the otpauth:// URI an authenticator app scans (RFC 6238: 6 digits, 30 s). */
export function newSecondFactor(username: string): { secret: string; uri: string } {
  const secret = generateSecret();
  return { secret, uri: generateURI({ secret, label: username, issuer: 'Haki' }) };
}

/**
 * Checks a TOTP code with one step of clock drift either way, and refuses a code already used for this
 * account (RFC 6238 §5.2): someone who watched a code being typed cannot sign in with it too.
 */
export async function secondFactorMatches(redis: Redis, prefix: string, username: string, secret: string, code: string): Promise<boolean> {
  if (!/^\d{6}$/.test(code)) return false;
  const result = verifySync({ secret, token: code, epochTolerance: 30 });
  if (!result.valid || !('timeStep' in result)) return false;
  const firstUse = await redis.set(`${prefix}:totp-used:${username}:${result.timeStep}`, '1', 'EX', 120, 'NX');
  return firstUse === 'OK';
}
