import { HakiError } from '@haki/contracts';
import { hasAnyRole, ROLE_GROUPS, type Principal } from '@haki/platform-access';
import type { WorkAuthor } from './case.model';
import type { CaseState } from './case-state/case-state';

/** Roles that read every case in full; intake reads its own organisation's cases, and less of them. */
export const FULL_READERS = ROLE_GROUPS.caseReaders.filter((role) => role !== 'intake');

export const isCoordinator = (caller: Principal): boolean => hasAnyRole(caller, ROLE_GROUPS.coordinators);

/** The caller is a volunteer on the case's team: holding a role now, or having done it (a closed case stays theirs to read and add to). */
export const isAssigned = (caller: Principal, state: Pick<CaseState, 'team'>): boolean =>
  !!caller.professionalId && state.team.includes(caller.professionalId);

/** What a case is to its caller: the same 404 as a missing one when it is not theirs to know of. */
export function notFound(caseId: string): HakiError {
  return new HakiError('CASE.NOT_FOUND', `no case ${caseId} (yet: a new referral takes a moment to arrive)`);
}

/** Coordinators, or the volunteer assigned to it: who may record work on a case. */
export function requireWorker(caller: Principal, state: CaseState): void {
  if (isCoordinator(caller) || isAssigned(caller, state)) return;
  if (hasAnyRole(caller, ['professional'])) throw notFound(state.caseId);
  throw new HakiError('ACCESS.FORBIDDEN', 'only ops, supervisors and the assigned volunteer record work on a case');
}

/** The account and the role it acted in, for the timeline (an account id, never a name). */
export function authorOf(caller: Principal): WorkAuthor {
  const role = isCoordinator(caller) ? ROLE_GROUPS.coordinators.find((r) => caller.roles.includes(r))! : (caller.roles[0] ?? 'unknown');
  return { subject: caller.subject, role, ...(caller.professionalId ? { professionalId: caller.professionalId } : {}) };
}
