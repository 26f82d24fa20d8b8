import { z } from 'zod';
import { activeKeyCheck, env, serviceConfigSchema } from '@haki/platform-config';

const minutes = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback);

/** The gateway's environment: where the services are, how long sessions last, how hard sign-in is throttled. */
export const gatewayConfigSchema = z
  .object({
    PORT: env.port(4000),
    /** Loopback by default, like the services; behind a load balancer, 0.0.0.0. */
    HOST: serviceConfigSchema.shape.HOST,
    LOG_LEVEL: serviceConfigSchema.shape.LOG_LEVEL,
    METRICS_PORT: serviceConfigSchema.shape.METRICS_PORT,
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: serviceConfigSchema.shape.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT,
    OTEL_EXPORTER_OTLP_ENDPOINT: serviceConfigSchema.shape.OTEL_EXPORTER_OTLP_ENDPOINT,
    /**
     * `demo` allows the committed conveniences (demo accounts from DEMO_ACCOUNTS_FILE, cookies over
     * plain HTTP); `production` refuses to start with any of them.
     */
    HAKI_PROFILE: z.enum(['production', 'demo']).default('production'),
    MONGO_URL: env.url(['mongodb', 'mongodb+srv']),
    MONGO_DB: z.string().regex(/^[a-zA-Z0-9_-]+$/, 'only letters, digits, "_" and "-"'),
    REDIS_URL: env.url(['redis', 'rediss']),
    /** Prefix of the gateway's Redis keys (sessions, sign-in failures, rate limits). */
    REDIS_PREFIX: z
      .string()
      .regex(/^[a-zA-Z0-9_-]+$/, 'only letters, digits, "_" and "-"')
      .default('haki-gateway'),
    /** The services behind the gateway (their loopback or cluster-internal URLs). */
    INTAKE_URL: env.url(['http', 'https']),
    MATCHING_URL: env.url(['http', 'https']),
    NOTIFICATION_URL: env.url(['http', 'https']),
    CASE_URL: env.url(['http', 'https']),
    /** Signs the service tokens (services hold the public half in SERVICE_TOKEN_VERIFY_KEYS). */
    SERVICE_TOKEN_SIGNING_KEY: env.signingKey(),
    /** Seals each account's TOTP secret at rest (`keyId:base64(32 bytes)`, comma-separated). */
    ACCOUNT_KEYS: env.sealingKeys(),
    ACCOUNT_ACTIVE_KEY_ID: z.string().min(1),
    /** Sessions end after this long without a request, and after SESSION_ABSOLUTE_HOURS whatever happens. */
    SESSION_IDLE_MINUTES: minutes(30, 24 * 60),
    SESSION_ABSOLUTE_HOURS: minutes(12, 7 * 24),
    /** Off only for plain-HTTP demos on localhost (demo profile). */
    COOKIE_SECURE: env.bool(true),
    /** Browser origins allowed to call the API cross-site; none by default (the web app is served same-origin). */
    CORS_ORIGINS: env.list().optional(),
    /** Failed sign-ins for one account, or from one address, before it is locked for SIGN_IN_LOCK_MINUTES. */
    SIGN_IN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
    SIGN_IN_LOCK_MINUTES: minutes(15, 24 * 60),
    /** Requests per minute per client address to the API (webhooks are limited by the services behind them). */
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
    /** Largest request body forwarded (a roster CSV is the largest legitimate one), but for evidence files. */
    MAX_BODY_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(2.5 * 1024 * 1024),
    /**
     * Largest evidence file forwarded (`PUT /api/case/cases/:id/evidence/:evidenceId/content`, from a
     * caller with a session cookie only): the case service's EVIDENCE_MAX_MB (15) must fit.
     */
    MAX_UPLOAD_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(16 * 1024 * 1024),
    /**
     * Express "trust proxy", for a load balancer in front that sets X-Forwarded-For: a number of hops
     * (`1`), or addresses and subnets (`10.0.0.0/8,loopback`). Unset behind a load balancer, every
     * client shares its address, and one guesser locks everyone's sign-in.
     */
    TRUST_PROXY: z
      .string()
      .regex(/^(\d{1,2}|[0-9a-fA-F.:/, a-z]+)$/, 'a number of hops, or addresses and subnets separated by commas')
      .transform((value) => (/^\d+$/.test(value) ? Number(value) : value))
      .optional(),
    /** The built staff web app (apps/web/dist), served at /app/; unset, /app/ is not served. */
    WEB_APP_DIR: z.string().min(1).optional(),
    /** Demo profile only: a JSON file of demo accounts to create at start (scripts/start.sh writes it). */
    DEMO_ACCOUNTS_FILE: z.string().min(1).optional(),
    /**
     * Sign-in with an OpenID Connect provider (off when unset): its issuer URL, this client's id and
     * secret, and the gateway's callback URL as registered there (`https://…/auth/oidc/callback`).
     */
    OIDC_ISSUER: env.url(['https', 'http']).optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_REDIRECT_URL: env.url(['https', 'http']).optional(),
    /** `amr` values (RFC 8176) that say more than one factor was used: required for ops, supervisor and admin. */
    OIDC_SECOND_FACTOR_AMR: env.list().default(['mfa']),
    /** Where the browser goes once signed in (the web app). */
    OIDC_AFTER_SIGN_IN_PATH: z
      .string()
      .regex(/^\/(?![/\\])\S*$/, 'must be a path on this site, such as /')
      .default('/'),
  })
  .refine(...activeKeyCheck('ACCOUNT'))
  .refine((config) => config.HAKI_PROFILE === 'demo' || config.COOKIE_SECURE, {
    path: ['COOKIE_SECURE'],
    message: 'must be true outside the demo profile: session cookies never travel over plain HTTP in production',
  })
  .refine((config) => config.HAKI_PROFILE === 'demo' || !config.DEMO_ACCOUNTS_FILE, {
    path: ['DEMO_ACCOUNTS_FILE'],
    message: 'demo accounts exist only in the demo profile (HAKI_PROFILE=demo)',
  })
  .refine((config) => !config.OIDC_ISSUER || (config.OIDC_CLIENT_ID && config.OIDC_CLIENT_SECRET && config.OIDC_REDIRECT_URL), {
    path: ['OIDC_ISSUER'],
    message: 'needs OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_REDIRECT_URL too',
  })
  .refine(
    (config) => config.HAKI_PROFILE === 'demo' || ![config.OIDC_ISSUER, config.OIDC_REDIRECT_URL].some((url) => url?.startsWith('http:')),
    {
      path: ['OIDC_ISSUER'],
      message: 'the identity provider and the callback must use https outside the demo profile',
    },
  );
export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
