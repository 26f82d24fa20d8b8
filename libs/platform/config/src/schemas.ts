import { LinkSigner } from './signed-links';
import { parseSigningKey, parseVerifyKeys } from '@haki/platform-access';
import { z } from 'zod';

/** Helpers that turn env strings into typed values with readable errors. */
export const env = {
  port: (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback),
  url: (protocols: string[]) =>
    z.string().refine(
      (value) => {
        try {
          return protocols.includes(new URL(value).protocol.replace(':', ''));
        } catch {
          return false;
        }
      },
      `must be a URL starting with ${protocols.map((p) => `${p}://`).join(' or ')}`,
    ),
  list: () =>
    z
      .string()
      .min(1)
      .transform((value) =>
        value
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean),
      ),
  bool: (fallback: boolean) =>
    z
      .enum(['true', 'false', '1', '0'])
      .default(fallback ? 'true' : 'false')
      .transform((value) => value === 'true' || value === '1'),
  milliseconds: (fallback: number) => z.coerce.number().int().min(0).default(fallback),
  /** The gateway's Ed25519 public keys (`keyId:<base64 SPKI DER>`, comma-separated) that service tokens must be signed with. */
  verifyKeys: () => parsedWith(parseVerifyKeys, 'must be keyId:<base64 SPKI DER of an Ed25519 public key>, comma-separated'),
  /** The gateway's Ed25519 private key (`keyId:<base64 PKCS#8 DER>`). */
  signingKey: () => parsedWith(parseSigningKey, 'must be keyId:<base64 PKCS#8 DER of an Ed25519 private key>'),
  /** A public origin such as https://haki.example.org (a trailing slash dropped); unset when absent. */
  origin: () =>
    z
      .url()
      .transform((url) => url.replace(/\/+$/, ''))
      .optional(),
  /** Encryption keys as `keyId:base64(32 bytes)` separated by commas (rotation: add a key, switch the active id). */
  sealingKeys: () =>
    z
      .string()
      .min(1, 'set at least one key, e.g. k1:<32 random bytes in base64>')
      .transform((value, ctx) => {
        const keys = new Map<string, Buffer>();
        for (const entry of value.split(',')) {
          const [id, material] = entry.trim().split(':');
          const key = Buffer.from(material ?? '', 'base64');
          if (!id || key.length !== 32) {
            ctx.addIssue({ code: 'custom', message: `entry "${id ?? ''}" must be keyId:<32 bytes base64>` });
            return z.NEVER;
          }
          keys.set(id, key);
        }
        return keys;
      }),
};

/** A string turned into a value by `parse`, or one issue with `message` if `parse` throws. */
function parsedWith<T>(parse: (value: string) => T, message: string) {
  return z
    .string()
    .min(1, message)
    .transform((value, ctx) => {
      try {
        return parse(value);
      } catch {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
    });
}

/** `<name>_ACTIVE_KEY_ID` must name a key of `<name>_KEYS`: checked at boot, not at the first value sealed. */
export const activeKeyCheck = (name: string): [(config: Record<string, unknown>) => boolean, { path: string[]; message: string }] => [
  (config) => (config[`${name}_KEYS`] as Map<string, Buffer>).has(config[`${name}_ACTIVE_KEY_ID`] as string),
  { path: [`${name}_ACTIVE_KEY_ID`], message: `must be one of the key ids in ${name}_KEYS` },
];

/** What every Haki service needs. Services extend this with their own variables. */
export const serviceConfigSchema = z.object({
  PORT: env.port(3000),
  /**
   * Where Prometheus scrapes `GET /metrics` (on HOST), apart from the API: unset, no metrics are served.
   * Not behind the gateway, so keep it on the operators' network.
   */
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /**
   * Interface HTTP listens on. Loopback by default, so only the gateway on the same host reaches a
   * service; containers set 0.0.0.0 behind their own network. Every route still wants the gateway's token.
   */
  HOST: z
    .string()
    .regex(/^[0-9a-fA-F.:]+$/, 'must be an IP address such as 127.0.0.1')
    .default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  KAFKA_BROKERS: env.list(),
  /** Prefix for every topic and consumer group: lets tests and demos share one broker safely. */
  KAFKA_TOPIC_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9._-]*$/, 'only letters, digits, ".", "_" and "-"')
    .default(''),
  /**
   * The service's broker user (SASL/SCRAM). Required: the broker refuses anyone without one, and its ACLs
   * let each user publish only its own topics (docs/decisions/0010). Password from KAFKA_PASSWORD_FILE too.
   */
  KAFKA_USERNAME: z.string().min(1, 'the broker user of this service (SASL/SCRAM)'),
  KAFKA_PASSWORD: z.string().min(1, 'the password of KAFKA_USERNAME'),
  KAFKA_SASL_MECHANISM: z.enum(['scram-sha-512', 'scram-sha-256']).default('scram-sha-512'),
  /** TLS to the broker (production); KAFKA_TLS_CA (or KAFKA_TLS_CA_FILE): a private CA's PEM certificate. */
  KAFKA_TLS: env.bool(false),
  KAFKA_TLS_CA: z.string().includes('BEGIN CERTIFICATE', { message: 'must be a PEM certificate' }).optional(),
  /** Kafka consumer session timeout: a crashed member's partitions wait this long before moving. */
  KAFKA_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6_000).max(300_000).default(30_000),
  MONGO_URL: env.url(['mongodb', 'mongodb+srv']),
  MONGO_DB: z.string().regex(/^[a-zA-Z0-9_-]+$/, 'only letters, digits, "_" and "-"'),
  /** Log database commands slower than this many ms (name, collection, duration; never their content). 0: off. */
  MONGO_SLOW_MS: env.milliseconds(0),
  /**
   * Public keys of the gateway's service tokens. Required: a service without them could not tell a
   * caller the gateway vouched for from anyone else, so it does not start.
   */
  SERVICE_TOKEN_VERIFY_KEYS: env.verifyKeys(),
  /** Sign the audit log's checkpoints (HMAC-SHA256), `keyId:base64(32 bytes)`; the active id signs new ones. */
  AUDIT_KEYS: env.sealingKeys(),
  AUDIT_ACTIVE_KEY_ID: z.string().min(1),
  /**
   * OpenTelemetry: spans are exported over OTLP/HTTP (JSON) only when one of these is set; unset, tracing
   * is off and only the W3C trace context passes through. The first is the full URL; the second a
   * collector's base URL, to which /v1/traces is added.
   */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: env.url(['http', 'https']).optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: env.url(['http', 'https']).optional(),
  /** Test-only crash point (see FaultInjector); empty in every real deployment. */
  HAKI_FAULT_POINT: z.string().default(''),
});
export type ServiceConfig = z.infer<typeof serviceConfigSchema>;

export const redisConfigSchema = z.object({
  REDIS_URL: env.url(['redis', 'rediss']),
  /** Prefix for BullMQ keys, for the same reason as KAFKA_TOPIC_PREFIX. */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9_-]+$/, 'only letters, digits, "_" and "-"')
    .default('haki'),
});
export type RedisConfig = z.infer<typeof redisConfigSchema>;

/** Signed-link keys (signed-links.ts), shared by the services that sign and serve links; links are off without them. */
export const linkConfigSchema = z.object({
  LINK_KEYS: env.sealingKeys().optional(),
  LINK_ACTIVE_KEY_ID: z.string().min(1).optional(),
});

/** With LINK_KEYS, LINK_ACTIVE_KEY_ID must name one of them. */
export const linkKeyCheck: [(config: z.infer<typeof linkConfigSchema>) => boolean, { path: string[]; message: string }] = [
  (config) => !config.LINK_KEYS || (config.LINK_ACTIVE_KEY_ID !== undefined && config.LINK_KEYS.has(config.LINK_ACTIVE_KEY_ID)),
  { path: ['LINK_ACTIVE_KEY_ID'], message: 'must be one of the key ids in LINK_KEYS' },
];

/** The link signer the config describes, or undefined when links are off. */
export function linkSignerFrom(config: z.infer<typeof linkConfigSchema>): LinkSigner | undefined {
  return config.LINK_KEYS && config.LINK_ACTIVE_KEY_ID ? new LinkSigner(config.LINK_KEYS, config.LINK_ACTIVE_KEY_ID) : undefined;
}
