import { Inject, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { mongo } from 'mongoose';
import { Reflector } from '@nestjs/core';
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { HakiError } from '@haki/contracts';
import { principalOf, type AccountDocument } from '../accounts/account';
import { ACCOUNTS } from '../tokens';
import { SessionStore, type Session } from './session-store';

export const SESSION_COOKIE = 'haki_session';
const WITHOUT_SESSION = 'haki:without-session';

/** A gateway route anyone may reach: sign-in, and paths whose callers prove themselves to the service (webhooks, signed links). */
export const WithoutSession = () => SetMetadata(WITHOUT_SESSION, true);

export interface GatewayRequest {
  method: string;
  headers: IncomingHttpHeaders;
  ip?: string;
  session?: Session;
  sessionId?: string;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every gateway route needs a live session unless it says otherwise; a request that changes anything
 * also needs the session's CSRF token in `X-CSRF-Token` (a header a cross-site form or image cannot
 * set; the SameSite cookie is the other half). The account is read again on every request (by
 * `_id`): a disabled or reset account's sessions stop at once, and changed roles apply to the next request.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionStore,
    @Inject(ACCOUNTS) private readonly accounts: mongo.Collection<AccountDocument>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(WITHOUT_SESSION, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<GatewayRequest>();
    const sessionId = readCookie(request.headers.cookie, SESSION_COOKIE);
    const session = sessionId ? await this.sessions.touch(sessionId) : undefined;
    if (!session) {
      throw new HakiError('ACCESS.UNAUTHENTICATED', 'sign in first (POST /auth/sign-in); sessions end after a while without use');
    }
    const account = await this.accounts.findOne({ _id: session.principal.subject });
    const revoked = account?.sessionsValidAfter && session.createdAt < account.sessionsValidAfter.getTime();
    if (!account || account.disabled || revoked) {
      await this.sessions.end(sessionId!);
      throw new HakiError('ACCESS.UNAUTHENTICATED', 'this session was ended (the account was reset or disabled); sign in again');
    }
    session.principal = principalOf(account);
    if (!SAFE_METHODS.has(request.method) && !sameSecret(request.headers['x-csrf-token'], session.csrfToken)) {
      throw new HakiError('AUTH.CSRF', 'send the X-CSRF-Token header that GET /auth/session gives');
    }
    request.session = session;
    request.sessionId = sessionId;
    return true;
  }
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

function sameSecret(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const [a, b] = [Buffer.from(given), Buffer.from(expected)];
  return a.length === b.length && timingSafeEqual(a, b);
}
