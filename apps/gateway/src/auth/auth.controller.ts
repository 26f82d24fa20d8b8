import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { Throttle } from '@nestjs/throttler';
import { z } from 'zod';
import type { Principal } from '@haki/platform-access';
import { AccountAdmin } from '../accounts/manage-accounts';
import { jsonBody, parseJsonBody } from '../json-body';
import type { GatewayConfig } from '../config';
import { SESSION_COOKIE, WithoutSession, type GatewayRequest } from '../sessions/session-guard';
import { SessionStore, type Session } from '../sessions/session-store';
import { GATEWAY_CONFIG, SIGN_IN } from '../tokens';
import { ZodBody } from '@haki/platform-runtime';
import { signInRequest } from '../accounts/sign-in';

interface CookieResponse {
  cookie(name: string, value: string, options: Record<string, unknown>): void;
  clearCookie(name: string, options: Record<string, unknown>): void;
}

interface SessionView {
  username: string;
  roles: Principal['roles'];
  organisationId?: string;
  professionalId?: string;
  /** Send it back as X-CSRF-Token on every POST, PUT, PATCH and DELETE. */
  csrfToken: string;
}

export const passwordChange = z
  .object({
    currentPassword: z.string().min(1, 'is required').max(256),
    newPassword: z.string().min(12, 'must have at least 12 characters').max(256),
  })
  .strict();

const viewOf = ({ principal, csrfToken }: Session): SessionView => {
  const { subject, ...rest } = principal;
  return { username: subject, ...rest, csrfToken };
};

/** Sign-in, sign-out and "who am I". The session lives in Redis; the browser holds only an httpOnly cookie. */
@Controller('auth')
export class AuthController {
  constructor(
    private readonly sessions: SessionStore,
    @Inject(SIGN_IN) private readonly signIn: (body: unknown, address: string) => Promise<Principal>,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly accounts: AccountAdmin,
  ) {}

  /** `{ username, password, totp? }`: 200 with the session (and its cookie); 401 AUTH.SECOND_FACTOR_REQUIRED asks for the code. */
  @ZodBody(signInRequest)
  @Post('sign-in')
  @WithoutSession()
  @Throttle({ default: { limit: 20, ttl: 60_000 } })
  @HttpCode(200)
  async signInWith(@Body() body: unknown, @Req() request: GatewayRequest, @Res({ passthrough: true }) response: CookieResponse) {
    const principal = await this.signIn(jsonBody(body), request.ip ?? 'unknown');
    const { id, session } = await this.sessions.create(principal);
    response.cookie(SESSION_COOKIE, id, this.cookieOptions());
    return viewOf(session);
  }

  @Get('session')
  current(@Req() request: GatewayRequest): SessionView {
    return viewOf(request.session!);
  }

  /**
   * `{ currentPassword, newPassword }`: the signed-in account's own new password (12 to 256 characters).
   * Every session of the account ends; the answer carries the caller's new one (and its cookie).
   */
  @ZodBody(passwordChange)
  @Post('password')
  @Throttle({ default: { limit: 20, ttl: 60_000 } })
  @HttpCode(200)
  async changePassword(@Body() body: unknown, @Req() request: GatewayRequest, @Res({ passthrough: true }) response: CookieResponse) {
    const { currentPassword, newPassword } = parseJsonBody(passwordChange, body, 'AUTH.INVALID');
    const { principal } = request.session!;
    await this.accounts.changePassword(principal.subject, currentPassword, newPassword);
    await this.sessions.end(request.sessionId!);
    // Created after the change was written, so the account's sessionsValidAfter does not end it.
    const { id, session } = await this.sessions.create(principal);
    response.cookie(SESSION_COOKIE, id, this.cookieOptions());
    return viewOf(session);
  }

  @Post('sign-out')
  @HttpCode(204)
  async signOut(@Req() request: GatewayRequest, @Res({ passthrough: true }) response: CookieResponse): Promise<void> {
    await this.sessions.end(request.sessionId!);
    response.clearCookie(SESSION_COOKIE, this.cookieOptions());
  }

  /** httpOnly (no script reads it), SameSite=Strict (no other site sends it), Secure outside the demo; a browser-session cookie. */
  private cookieOptions(): Record<string, unknown> {
    return { httpOnly: true, sameSite: 'strict', secure: this.config.COOKIE_SECURE, path: '/' };
  }
}
