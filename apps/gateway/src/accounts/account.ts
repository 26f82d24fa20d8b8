import { z } from 'zod';
import { ACCESS_ROLES, type AccessRole, type Principal } from '@haki/platform-access';
import type { SealedValue } from '@haki/platform-config';

/** Usernames as people type them at sign-in; stored lower-case, so "Wanjiru" and "wanjiru" are one account. */
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,64}$/, 'must be 3-64 letters, digits, ".", "_" or "-"');

/** An account in the gateway's `accounts` collection, keyed by its username (every lookup is by `_id`). */
export interface AccountDocument {
  _id: string;
  /** argon2id (PHC string: the parameters travel with the hash, so they can be raised later). */
  passwordHash: string;
  roles: AccessRole[];
  organisationId?: string;
  professionalId?: string;
  /** The TOTP secret, sealed with ACCOUNT_KEYS; required for the roles in ROLES_NEEDING_SECOND_FACTOR. */
  totp?: SealedValue;
  disabled?: boolean;
  /** Sessions begun before this (a reset or a disabling) are over, whenever they are next used. */
  sessionsValidAfter?: Date;
  createdAt: Date;
}

export const accountRolesSchema = z.array(z.enum(ACCESS_ROLES)).min(1);

export const principalOf = (account: AccountDocument): Principal => ({
  subject: account._id,
  roles: account.roles,
  ...(account.organisationId ? { organisationId: account.organisationId } : {}),
  ...(account.professionalId ? { professionalId: account.professionalId } : {}),
});

/**
 * An OpenID Connect identity (the provider's issuer and its subject for the person) linked to a Haki
 * account by an admin: the only way a provider sign-in reaches an account. Keyed by both, so the
 * lookup at sign-in is by `_id`.
 */
export interface IdentityLinkDocument {
  _id: string;
  username: string;
  linkedBy: string;
  linkedAt: Date;
}

export const identityLinkId = (issuer: string, subject: string): string => `${issuer} ${subject}`;
