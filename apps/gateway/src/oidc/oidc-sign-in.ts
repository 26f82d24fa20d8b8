import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { mongo } from 'mongoose';
import * as client from 'openid-client';
import { HakiError } from '@haki/contracts';
import { hasAnyRole, ROLES_NEEDING_SECOND_FACTOR, type Principal } from '@haki/platform-access';
import type { Logger } from '@haki/platform-logging';
import { identityLinkId, principalOf, type AccountDocument, type IdentityLinkDocument } from '../accounts/account';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The gateway's callback as the identity provider knows it (`…/auth/oidc/callback`). */
  redirectUrl: string;
  /** `amr` values that say more than one factor was used (RFC 8176 `mfa`), for the roles that need a second. */
  secondFactorAmr: string[];
  /** Plain-HTTP providers: the demo profile only (a test identity provider on localhost). */
  allowInsecure: boolean;
}

/** A started sign-in, kept 10 minutes under its `state` and used once. */
interface PendingSignIn {
  verifier: string;
  nonce: string;
  /** SHA-256 of the browser's binding cookie: the callback must come from the browser that started. */
  binding: string;
}

const PENDING_SECONDS = 600;
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * Sign-in through the organisation's own identity provider (OpenID Connect, authorization code with
 * PKCE, `openid-client`). The provider proves who the person is; Haki decides what they may do: the
 * provider's issuer and subject must be linked (by an admin) to an enabled Haki account, whose roles
 * apply, and accounts whose roles need a second factor are refused unless the provider says it used
 * several (`amr`). Nobody gets an account by signing in.
 */
export class OidcSignIn {
  private configuration: Promise<client.Configuration> | undefined;

  constructor(
    private readonly settings: OidcSettings,
    private readonly redis: Redis,
    private readonly redisPrefix: string,
    private readonly accounts: mongo.Collection<AccountDocument>,
    private readonly links: mongo.Collection<IdentityLinkDocument>,
    private readonly logger: Logger,
  ) {}

  /** The provider's authorization URL, and the value of the browser's binding cookie. */
  async start(loginHint?: string): Promise<{ url: string; binding: string }> {
    const config = await this.discover();
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const binding = randomBytes(24).toString('base64url');
    const pending: PendingSignIn = { verifier, nonce, binding: sha256(binding) };
    await this.redis.set(this.key(state), JSON.stringify(pending), 'EX', PENDING_SECONDS);
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUrl,
      scope: 'openid profile',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      ...(loginHint ? { login_hint: loginHint } : {}),
    });
    return { url: url.href, binding };
  }

  /** The provider sent the browser back: check everything, then name the Haki account signed in. */
  async finish(query: URLSearchParams, binding: string | undefined): Promise<Principal> {
    const state = query.get('state') ?? '';
    // GETDEL: a callback URL works once, whoever replays it.
    const stored = state ? await this.redis.getdel(this.key(state)) : null;
    if (!stored) throw new HakiError('AUTH.SIGN_IN_FAILED', 'this sign-in was used already or is over 10 minutes old; start again');
    const pending = JSON.parse(stored) as PendingSignIn;
    if (!binding || sha256(binding) !== pending.binding) {
      throw new HakiError('AUTH.SIGN_IN_FAILED', 'this sign-in was started in another browser; start again');
    }
    const currentUrl = new URL(this.settings.redirectUrl);
    currentUrl.search = query.toString();
    let claims: client.IDToken;
    try {
      const tokens = await client.authorizationCodeGrant(await this.discover(), currentUrl, {
        pkceCodeVerifier: pending.verifier,
        expectedState: state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims()!;
    } catch (error) {
      this.logger.warn({ err: { name: (error as Error).name, message: (error as Error).message } }, 'identity provider sign-in refused');
      throw new HakiError('AUTH.SIGN_IN_FAILED', 'the identity provider did not confirm this sign-in');
    }
    // The provider's own identifier of the person (issuer and subject, never a name they may choose or
    // change), linked to a Haki account by an admin beforehand.
    const link = await this.links.findOne({ _id: identityLinkId(claims.iss, claims.sub) });
    const account = link ? await this.accounts.findOne({ _id: link.username }) : null;
    if (!account || account.disabled) {
      this.logger.warn(
        { ...(account ? { username: account._id } : { unlinked: true }) },
        'identity provider sign-in without an enabled, linked account',
      );
      throw new HakiError('AUTH.SIGN_IN_FAILED', 'this identity is not linked to a Haki account; ask an admin');
    }
    const principal = principalOf(account);
    const amr: unknown[] = Array.isArray(claims['amr']) ? claims['amr'] : [];
    if (
      hasAnyRole(principal, ROLES_NEEDING_SECOND_FACTOR) &&
      !amr.some((method) => this.settings.secondFactorAmr.includes(String(method)))
    ) {
      throw new HakiError('AUTH.SECOND_FACTOR_REQUIRED', 'this account needs a second factor: sign in to your identity provider with one');
    }
    return principal;
  }

  /** The provider's issuer as it names itself (what its ID tokens carry in `iss`): identity links use it. */
  async issuer(): Promise<string> {
    return (await this.discover()).serverMetadata().issuer;
  }

  /** Discovery once, on first use (a provider that is down at start does not stop the gateway), again after a failure. */
  private discover(): Promise<client.Configuration> {
    const { issuer, clientId, clientSecret, allowInsecure } = this.settings;
    return (this.configuration ??= client
      .discovery(
        new URL(issuer),
        clientId,
        clientSecret,
        undefined,
        allowInsecure ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        this.configuration = undefined;
        this.logger.error({ err: { name: (error as Error).name, message: (error as Error).message } }, 'identity provider unreachable');
        throw new HakiError('AUTH.PROVIDER_UNAVAILABLE', 'the identity provider does not answer; try again, or sign in with a password');
      }));
  }

  private key(state: string): string {
    return `${this.redisPrefix}:oidc:${sha256(state)}`;
  }
}
