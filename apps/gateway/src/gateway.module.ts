import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { LoggerModule } from 'nestjs-pino';
import { ServiceTokenIssuer } from '@haki/platform-access';
import { Sealer } from '@haki/platform-config';
import { acceptedCorrelationId, CORRELATION_HEADER, httpLogSerializers, type Logger } from '@haki/platform-logging';
import type { AccountDocument, IdentityLinkDocument } from './accounts/account';
import { AccountsController } from './accounts/accounts.controller';
import { AccountAdmin } from './accounts/manage-accounts';
import { signIn } from './accounts/sign-in';
import { SignInAttempts } from './accounts/sign-in-attempts';
import { AuthController } from './auth/auth.controller';
import type { GatewayConfig } from './config';
import { ForwardController } from './forwarding/forward.controller';
import { Forwarder } from './forwarding/forwarder';
import { serviceUrls } from './forwarding/route-table';
import { GatewayHealthController } from './health.controller';
import { OidcController } from './oidc/oidc.controller';
import { OidcSignIn } from './oidc/oidc-sign-in';
import { SessionGuard } from './sessions/session-guard';
import { SessionStore } from './sessions/session-store';
import { ACCOUNTS, GATEWAY_CONFIG, GATEWAY_LOGGER, GATEWAY_MONGO, GATEWAY_REDIS, SIGN_IN } from './tokens';
import { ApiDocument } from '@haki/platform-runtime';
import { GatewayDocsController } from './docs.controller';

export interface GatewayClients {
  config: GatewayConfig;
  mongo: Connection;
  redis: Redis;
  logger: Logger;
}

/** The gateway: rate limits first, then the session (and CSRF) check, then sign-in or forwarding. */
@Module({})
export class GatewayModule {
  static forClients({ config, mongo, redis, logger }: GatewayClients): DynamicModule {
    const accounts = mongo.collection<AccountDocument>('accounts');
    const identityLinks = mongo.collection<IdentityLinkDocument>('identity_links');
    const sealer = new Sealer(config.ACCOUNT_KEYS, config.ACCOUNT_ACTIVE_KEY_ID, 'ACCOUNT');
    const attempts = new SignInAttempts(redis, config.REDIS_PREFIX, config.SIGN_IN_MAX_FAILURES, config.SIGN_IN_LOCK_MINUTES * 60_000);
    const sessions = new SessionStore(
      redis,
      config.REDIS_PREFIX,
      config.SESSION_IDLE_MINUTES * 60_000,
      config.SESSION_ABSOLUTE_HOURS * 3_600_000,
    );
    const oidc = config.OIDC_ISSUER
      ? new OidcSignIn(
          {
            issuer: config.OIDC_ISSUER,
            clientId: config.OIDC_CLIENT_ID!,
            clientSecret: config.OIDC_CLIENT_SECRET!,
            redirectUrl: config.OIDC_REDIRECT_URL!,
            secondFactorAmr: config.OIDC_SECOND_FACTOR_AMR,
            allowInsecure: config.HAKI_PROFILE === 'demo',
          },
          redis,
          config.REDIS_PREFIX,
          accounts,
          identityLinks,
          logger.child({ component: 'oidc' }),
        )
      : undefined;
    return {
      module: GatewayModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            logger,
            genReqId: (req) => acceptedCorrelationId(req.headers[CORRELATION_HEADER]) ?? randomUUID(),
            autoLogging: { ignore: (req) => req.url?.startsWith('/health') ?? false },
            serializers: httpLogSerializers,
          },
        }),
        ThrottlerModule.forRoot({
          throttlers: [{ name: 'default', ttl: 60_000, limit: config.RATE_LIMIT_PER_MINUTE }],
          storage: new ThrottlerStorageRedisService(new Redis(config.REDIS_URL, { keyPrefix: `${config.REDIS_PREFIX}:throttle:` })),
        }),
      ],
      controllers: [
        GatewayHealthController,
        AuthController,
        AccountsController,
        ...(oidc ? [OidcController] : []),
        GatewayDocsController,
        ForwardController,
      ],
      providers: [
        ApiDocument,
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: GATEWAY_MONGO, useValue: mongo },
        { provide: GATEWAY_REDIS, useValue: redis },
        { provide: GATEWAY_LOGGER, useValue: logger },
        { provide: SessionStore, useValue: sessions },
        { provide: ACCOUNTS, useValue: accounts },
        { provide: AccountAdmin, useValue: new AccountAdmin(accounts, sealer, identityLinks) },
        ...(oidc ? [{ provide: OidcSignIn, useValue: oidc }] : []),
        {
          provide: SIGN_IN,
          useValue: (body: unknown, address: string) =>
            signIn({ accounts, redis, redisPrefix: config.REDIS_PREFIX, sealer, attempts, logger }, body, address),
        },
        { provide: Forwarder, useValue: new Forwarder(serviceUrls(config), new ServiceTokenIssuer(config.SERVICE_TOKEN_SIGNING_KEY)) },
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: APP_GUARD, useClass: SessionGuard },
      ],
    };
  }
}
