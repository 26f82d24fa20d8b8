import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { Throttle } from '@nestjs/throttler';
import type { GatewayConfig } from '../config';
import { readCookie, SESSION_COOKIE, WithoutSession, type GatewayRequest } from '../sessions/session-guard';
import { SessionStore } from '../sessions/session-store';
import { GATEWAY_CONFIG } from '../tokens';
import { OidcSignIn } from './oidc-sign-in';

interface RedirectResponse {
  cookie(name: string, value: string, options: Record<string, unknown>): void;
  clearCookie(name: string, options: Record<string, unknown>): void;
  redirect(status: number, url: string): void;
}

/** Ties the provider's callback to the browser that started the sign-in. Lax: it must come back on the provider's redirect. */
const BINDING_COOKIE = 'haki_oidc';

/**
 * Sign-in with the organisation's identity provider (present only when OIDC_ISSUER is set):
 * `GET /auth/oidc/start` sends the browser there, `GET /auth/oidc/callback` takes it back, opens a
 * session as for a password sign-in, and sends it on to the web app.
 */
@Controller('auth/oidc')
export class OidcController {
  constructor(
    private readonly oidc: OidcSignIn,
    private readonly sessions: SessionStore,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Get('start')
  @WithoutSession()
  @Throttle({ default: { limit: 20, ttl: 60_000 } })
  async start(@Query('login_hint') loginHint: string | undefined, @Res() response: RedirectResponse): Promise<void> {
    const { url, binding } = await this.oidc.start(typeof loginHint === 'string' ? loginHint.slice(0, 100) : undefined);
    response.cookie(BINDING_COOKIE, binding, { ...this.cookieOptions('lax'), path: '/auth/oidc', maxAge: 600_000 });
    response.redirect(302, url);
  }

  @Get('callback')
  @WithoutSession()
  @Throttle({ default: { limit: 20, ttl: 60_000 } })
  async callback(@Req() request: GatewayRequest & { url: string }, @Res() response: RedirectResponse): Promise<void> {
    const query = new URL(request.url, 'http://gateway').searchParams;
    const principal = await this.oidc.finish(query, readCookie(request.headers.cookie, BINDING_COOKIE));
    const { id } = await this.sessions.create(principal);
    response.clearCookie(BINDING_COOKIE, { ...this.cookieOptions('lax'), path: '/auth/oidc' });
    response.cookie(SESSION_COOKIE, id, this.cookieOptions('strict'));
    response.redirect(303, this.config.OIDC_AFTER_SIGN_IN_PATH);
  }

  private cookieOptions(sameSite: 'lax' | 'strict'): Record<string, unknown> {
    return { httpOnly: true, sameSite, secure: this.config.COOKIE_SECURE, path: '/' };
  }
}
