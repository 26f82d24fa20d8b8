import type { AccessRole } from './roles';

/** Who a request comes from, as the gateway vouches for it in the service token. */
export interface Principal {
  /** The account id, or `anonymous` for a caller the gateway let through unsigned-in (a webhook, a signed link). */
  subject: string;
  roles: AccessRole[];
  /** The organisation an intake account takes referrals for (its referrals are the ones it may read). */
  organisationId?: string;
  /** The roster id a volunteer's account stands for (their offers are the ones they may answer). */
  professionalId?: string;
}

export const ANONYMOUS: Principal = { subject: 'anonymous', roles: [] };

export const hasAnyRole = (principal: Principal, roles: readonly AccessRole[]): boolean =>
  principal.roles.some((role) => roles.includes(role));
