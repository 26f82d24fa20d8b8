import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id with OWASP's minimum (19 MiB, 2 passes, 1 lane): about 30 ms here, so a sign-in stays quick
 * on 2 cores while every guess at a stolen hash costs the same. `@node-rs/argon2` ships prebuilt
 * binaries (no compiler at install) and defaults to argon2id.
 */
const PARAMETERS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string): Promise<string> => hash(password, PARAMETERS);

/** A hash of a password nobody has: unknown usernames are checked against it, so they take as long as known ones. */
let decoy: Promise<string> | undefined;

export async function passwordMatches(passwordHash: string | undefined, password: string): Promise<boolean> {
  decoy ??= hashPassword('no account has this password');
  const matched = await verify(passwordHash ?? (await decoy), password).catch(() => false);
  return passwordHash !== undefined && matched;
}
