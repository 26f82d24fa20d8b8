import { Body, Controller, Get, HttpCode, Inject, Optional, Param, Post, Req } from '@nestjs/common';
import { z } from 'zod';
import { HakiError } from '@haki/contracts';
import type { Logger } from '@haki/platform-logging';
import type { GatewayRequest } from '../sessions/session-guard';
import { parseJsonBody } from '../json-body';
import { GATEWAY_LOGGER } from '../tokens';
import { accountRolesSchema, usernameSchema } from './account';
import { OidcSignIn } from '../oidc/oidc-sign-in';
import { AccountAdmin, validUsername, type IssuedCredentials } from './manage-accounts';
import { ZodBody } from '@haki/platform-runtime';

const newAccountRequest = z
  .object({
    username: usernameSchema,
    roles: accountRolesSchema,
    organisationId: z.string().trim().min(1).max(100).optional(),
    professionalId: z.string().trim().min(1).max(100).optional(),
  })
  .strict();

const identityLinkRequest = z.object({ subject: z.string().trim().min(1).max(255) }).strict();

const resetRequest = z.object({ secondFactor: z.boolean().default(false) }).strict();

/**
 * The account API the web app's admin screens use: the same operations as `npm run accounts`, for
 * signed-in admins only (deny by default: every other role gets 403). A new or reset password, and the
 * authenticator URI, are in the answer once and stored nowhere in clear. Who did what is logged.
 */
@Controller('accounts')
export class AccountsController {
  constructor(
    private readonly admin: AccountAdmin,
    @Inject(GATEWAY_LOGGER) private readonly logger: Logger,
    @Optional() private readonly oidc?: OidcSignIn,
  ) {}

  @Get()
  async list(@Req() request: GatewayRequest) {
    adminOf(request);
    return { items: await this.admin.list() };
  }

  @ZodBody(newAccountRequest)
  @Post()
  @HttpCode(201)
  async add(@Req() request: GatewayRequest, @Body() body: unknown): Promise<IssuedCredentials> {
    const by = adminOf(request);
    const issued = await this.admin.add(parseJsonBody(newAccountRequest, body, 'AUTH.INVALID'));
    this.logger.info({ by, account: issued.username }, 'account created');
    return issued;
  }

  @ZodBody(resetRequest)
  @Post(':username/reset')
  @HttpCode(200)
  async reset(@Req() request: GatewayRequest, @Param('username') username: string, @Body() body: unknown): Promise<IssuedCredentials> {
    const by = adminOf(request);
    const issued = await this.admin.reset(username, parseJsonBody(resetRequest, body, 'AUTH.INVALID').secondFactor);
    this.logger.info({ by, account: issued.username }, 'account reset');
    return issued;
  }

  @Post(':username/disable')
  @HttpCode(204)
  async disable(@Req() request: GatewayRequest, @Param('username') username: string): Promise<void> {
    const by = adminOf(request);
    if (validUsername(username) === by)
      throw new HakiError('AUTH.INVALID', 'an admin cannot disable their own account (ask another admin)');
    await this.admin.disable(username);
    this.logger.info({ by, account: username }, 'account disabled');
  }

  /**
   * `{ subject }`: the person the identity provider knows by this subject may sign in as this account
   * (OpenID Connect; the issuer is the configured provider's). 400 when OpenID Connect is off.
   */
  @ZodBody(identityLinkRequest)
  @Post(':username/identity-links')
  @HttpCode(201)
  async link(@Req() request: GatewayRequest, @Param('username') username: string, @Body() body: unknown): Promise<{ username: string }> {
    const by = adminOf(request);
    const { subject } = parseJsonBody(identityLinkRequest, body, 'AUTH.INVALID');
    if (!this.oidc) throw new HakiError('AUTH.INVALID', 'OpenID Connect is off here (OIDC_ISSUER is not set)');
    const account = validUsername(username);
    await this.admin.linkIdentity(account, await this.oidc.issuer(), subject, by);
    this.logger.info({ by, account }, 'identity provider identity linked');
    return { username: account };
  }
}

/** The signed-in admin's username; 403 for every other role. */
function adminOf(request: GatewayRequest): string {
  const principal = request.session!.principal;
  if (!principal.roles.includes('admin')) throw new HakiError('ACCESS.FORBIDDEN', 'only an admin manages accounts');
  return principal.subject;
}
