import { randomBytes } from 'node:crypto';
import type { mongo } from 'mongoose';
import { HakiError } from '@haki/contracts';
import { hasAnyRole, ROLES_NEEDING_SECOND_FACTOR, type AccessRole } from '@haki/platform-access';
import type { Sealer } from '@haki/platform-config';
import { accountRolesSchema, identityLinkId, usernameSchema, type AccountDocument, type IdentityLinkDocument } from './account';
import { hashPassword, passwordMatches } from './passwords';
import { newSecondFactor } from './second-factor';

/** What a new or reset account's owner is told once: never stored in clear, never shown again. */
export interface IssuedCredentials {
  username: string;
  password: string;
  /** otpauth:// URI for an authenticator app, when the roles need a second factor. */
  totpUri?: string;
}

export interface NewAccount {
  username: string;
  roles: AccessRole[];
  organisationId?: string;
  professionalId?: string;
}

/** Names the audit log and service tokens use for callers who are not accounts. */
const RESERVED_USERNAMES = new Set(['anonymous', 'system']);

/** 18 random bytes: 24 characters nobody guesses, short enough to type once and change. */
const newPassword = () => randomBytes(18).toString('base64url');

/**
 * Account administration for the gateway's `accounts` collection (`npm run accounts`, or the same
 * script inside the gateway's container): the only way to make accounts outside the demo profile.
 */
export class AccountAdmin {
  constructor(
    private readonly accounts: mongo.Collection<AccountDocument>,
    private readonly sealer: Sealer,
    private readonly identityLinks?: mongo.Collection<IdentityLinkDocument>,
  ) {}

  /**
   * Lets the person the identity provider `issuer` knows as `subject` sign in as this account
   * (OpenID Connect). An identity links to one account; several identities may link to the same one.
   */
  async linkIdentity(rawUsername: string, issuer: string, subject: string, linkedBy: string): Promise<void> {
    const username = validUsername(rawUsername);
    if (!(await this.accounts.findOne({ _id: username }))) throw new HakiError('AUTH.INVALID', `no account ${username}`);
    try {
      await this.identityLinks!.insertOne({ _id: identityLinkId(issuer, subject), username, linkedBy, linkedAt: new Date() });
    } catch (error) {
      if ((error as { code?: number }).code === 11000) throw new HakiError('AUTH.INVALID', 'this identity is linked to an account already');
      throw error;
    }
  }

  async add(request: NewAccount): Promise<IssuedCredentials> {
    const username = validUsername(request.username);
    if (RESERVED_USERNAMES.has(username)) throw new HakiError('AUTH.INVALID', `${username} is a name the audit log uses for itself`);
    const roles = accountRolesSchema.parse(request.roles);
    if (roles.includes('intake') && !request.organisationId) {
      throw new HakiError('AUTH.INVALID', "an intake account needs --organisation (its staff read that organisation's cases)");
    }
    if (roles.includes('professional') && !request.professionalId) {
      throw new HakiError('AUTH.INVALID', 'a professional account needs --professional (their roster id)');
    }
    const password = newPassword();
    const second = hasAnyRole({ subject: username, roles }, ROLES_NEEDING_SECOND_FACTOR) ? newSecondFactor(username) : undefined;
    try {
      await this.accounts.insertOne({
        _id: username,
        passwordHash: await hashPassword(password),
        roles,
        ...(request.organisationId ? { organisationId: request.organisationId } : {}),
        ...(request.professionalId ? { professionalId: request.professionalId } : {}),
        ...(second ? { totp: this.sealer.seal({ secret: second.secret }, username) } : {}),
        createdAt: new Date(),
      });
    } catch (error) {
      if ((error as { code?: number }).code === 11000) throw new HakiError('AUTH.INVALID', `${username} exists already; reset it instead`);
      throw error;
    }
    return { username, password, ...(second ? { totpUri: second.uri } : {}) };
  }

  /** A new password, and with `secondFactor` a new TOTP secret (a lost phone); the account is enabled again. */
  async reset(rawUsername: string, secondFactor: boolean): Promise<IssuedCredentials> {
    const username = validUsername(rawUsername);
    const password = newPassword();
    const second = secondFactor ? newSecondFactor(username) : undefined;
    const { matchedCount } = await this.accounts.updateOne(
      { _id: username },
      {
        $set: {
          passwordHash: await hashPassword(password),
          ...(second ? { totp: this.sealer.seal({ secret: second.secret }, username) } : {}),
          // Whoever held a session (perhaps the one the reset is for) holds nothing now.
          sessionsValidAfter: new Date(),
        },
        $unset: { disabled: '' },
      },
    );
    if (!matchedCount) throw new HakiError('AUTH.INVALID', `no account ${username}`);
    return { username, password, ...(second ? { totpUri: second.uri } : {}) };
  }

  /**
   * The owner's own new password (at least 12 characters), given the current one. Every session of
   * the account ends, this one too: the caller signs in again (the gateway gives it a new session).
   */
  async changePassword(username: string, currentPassword: string, newPassword: string): Promise<void> {
    const account = await this.accounts.findOne({ _id: username });
    if (!account || !(await passwordMatches(account.passwordHash, currentPassword))) {
      throw new HakiError('AUTH.SIGN_IN_FAILED', 'the current password is wrong');
    }
    if (newPassword === currentPassword) throw new HakiError('AUTH.INVALID', 'the new password must differ from the current one');
    await this.accounts.updateOne(
      { _id: username },
      { $set: { passwordHash: await hashPassword(newPassword), sessionsValidAfter: new Date() } },
    );
  }

  /** Disabled accounts cannot sign in, and their open sessions end at their next request (enabled again only by a reset). */
  async disable(rawUsername: string): Promise<void> {
    const username = validUsername(rawUsername);
    const { matchedCount } = await this.accounts.updateOne({ _id: username }, { $set: { disabled: true, sessionsValidAfter: new Date() } });
    if (!matchedCount) throw new HakiError('AUTH.INVALID', `no account ${username}`);
  }

  async list(): Promise<{ username: string; roles: AccessRole[]; disabled: boolean; secondFactor: boolean }[]> {
    const all = await this.accounts.find().sort({ _id: 1 }).toArray();
    return all.map((account) => ({
      username: account._id,
      roles: account.roles,
      disabled: account.disabled === true,
      secondFactor: !!account.totp,
    }));
  }
}

/** The username as stored (trimmed, lower-case), or 400 AUTH.INVALID naming the field: never a 500 for a bad name. */
export function validUsername(raw: unknown): string {
  const parsed = usernameSchema.safeParse(raw);
  if (!parsed.success) throw HakiError.fromZod('AUTH.INVALID', parsed.error);
  return parsed.data;
}
