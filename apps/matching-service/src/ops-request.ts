import { z } from 'zod';
import { hasAnyRole, ROLE_GROUPS, type Principal } from '@haki/platform-access';
import type { OfferRecord } from '@haki/matching-core';
import { HakiError } from '@haki/contracts';

/** Who recorded an action: the signed-in account (`recordedByCaller` puts it in), never what a client typed. */
export const recordedBy = z.string().trim().min(1, 'is required').max(100);

/**
 * The body with `recordedBy` set to the caller's account id from the service token, so the record
 * names who really did it. A client's own `recordedBy` is replaced (older clients still send one).
 */
export function recordedByCaller(body: unknown, caller: Principal): unknown {
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? { ...body, recordedBy: caller.subject } : body;
}

/** How an answer or progress arrived: ops recording a phone call, or the volunteer signed in themselves. */
export const channelOf = (caller: Principal): 'ops-phone' | 'app' => (hasAnyRole(caller, ROLE_GROUPS.coordinators) ? 'ops-phone' : 'app');

/** Coordinators act on any offer; a volunteer only on their own (403 otherwise). */
export function requireOwnOffer(caller: Principal, offer: OfferRecord): void {
  if (hasAnyRole(caller, ROLE_GROUPS.coordinators)) return;
  if (!caller.professionalId || caller.professionalId !== offer.professionalId) {
    throw new HakiError('ACCESS.FORBIDDEN', 'this offer was made to someone else');
  }
}

/** Progress or completion: who recorded it and, optionally, what was done (never survivor details). */
export const opsNoteRequest = z.object({ note: z.string().trim().max(500).optional(), recordedBy }).strict();

/** An action that needs its reason stated (a withdrawal, a deactivation). */
export const opsReasonRequest = z.object({ reason: z.string().trim().min(1, 'is required').max(500), recordedBy }).strict();
