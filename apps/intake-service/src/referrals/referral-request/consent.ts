import { consentCovers, SERVICE_TEAMS, type Role, type ServiceType } from '@haki/vocabulary';

/**
 * The team roles the consent lets the case go to, lead first. Empty when no required role is covered:
 * the referral then waits for consent, and matching never hears of it (it reserves nobody).
 */
export function rolesWithinConsent(serviceType: ServiceType, scopes: readonly string[]): Role[] {
  const team = SERVICE_TEAMS[serviceType].filter((member) => consentCovers(scopes, member.role));
  return team.some((member) => member.required) ? team.map((member) => member.role) : [];
}
