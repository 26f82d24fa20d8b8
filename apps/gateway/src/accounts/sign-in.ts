import { z } from 'zod';
import type { mongo } from 'mongoose';
import type { Redis } from 'ioredis';
import { HakiError } from '@haki/contracts';
import { hasAnyRole, ROLES_NEEDING_SECOND_FACTOR, type Principal } from '@haki/platform-access';
import type { Sealer } from '@haki/platform-config';
import type { Logger } from '@haki/platform-logging';
import { principalOf, usernameSchema, type AccountDocument } from './account';
import { passwordMatches } from './passwords';
import { secondFactorMatches } from './second-factor';
import type { SignInAttempts } from './sign-in-attempts';

export const signInRequest = z
  .object({
    username: usernameSchema,
    password: z.string().min(1, 'is required').max(256),
    /** The authenticator app's 6-digit code: required for ops, supervisor and admin accounts. */
    totp: z.string().trim().max(10).optional(),
  })
  .strict();

/** What a sign-in needs around it: the accounts, Redis (used codes), the TOTP seal and the failure counts. */
export interface SignInDependencies {
  accounts: mongo.Collection<AccountDocument>;
  redis: Redis;
  redisPrefix: string;
  sealer: Sealer;
  attempts: SignInAttempts;
  logger: Logger;
}

/**
 * Checks a sign-in: lock first (a locked account is refused even with the right password), then the
 * password (unknown usernames cost the same argon2 time), then the second factor where the roles need
 * one. Every failure says the same thing, except a right password without its code, so the sign-in
 * form can ask for it.
 */
export async function signIn(deps: SignInDependencies, body: unknown, address: string): Promise<Principal> {
  const parsed = signInRequest.safeParse(body);
  if (!parsed.success) throw HakiError.fromZod('AUTH.INVALID', parsed.error);
  const { username, password, totp } = parsed.data;

  // Counted before anything is checked, so parallel guesses meet the limit too.
  const lockedFor = await deps.attempts.count(username, address);
  if (lockedFor > 0) throw new HakiError('AUTH.LOCKED', `too many failed sign-ins; try again in ${Math.ceil(lockedFor / 60)} minute(s)`);

  const account = await deps.accounts.findOne({ _id: username });
  const failed = (why: string): never => {
    // The name only if it is an account's: people type passwords into the username field.
    deps.logger.warn({ ...(account ? { username } : { unknownUsername: true }), why }, 'sign-in refused');
    throw new HakiError('AUTH.SIGN_IN_FAILED', 'wrong username, password or code');
  };
  if (!(await passwordMatches(account?.passwordHash, password)) || !account) return failed('password');
  if (account.disabled) return failed('disabled');

  if (account.totp || hasAnyRole(principalOf(account), ROLES_NEEDING_SECOND_FACTOR)) {
    if (!account.totp) return failed('second factor required but not enrolled');
    if (!totp) {
      await deps.attempts.forgive(username, address, false);
      throw new HakiError('AUTH.SECOND_FACTOR_REQUIRED', 'enter the 6-digit code from your authenticator app');
    }
    const secret = deps.sealer.open<{ secret: string }>(account.totp, account._id).secret;
    if (!(await secondFactorMatches(deps.redis, deps.redisPrefix, username, secret, totp))) return failed('code');
  }
  await deps.attempts.forgive(username, address, true);
  deps.logger.info({ username, roles: account.roles }, 'signed in');
  return principalOf(account);
}
