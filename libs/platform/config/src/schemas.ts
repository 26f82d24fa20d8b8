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
};

/** What every Haki service needs. Services extend this with their own variables. */
export const serviceConfigSchema = z.object({
  PORT: env.port(3000),
  /**
   * Interface HTTP listens on. Loopback by default: nothing signs requests in yet (issue #11), so a
   * service is reachable from this machine only unless a deployment opts in (containers set 0.0.0.0
   * behind their own network).
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
  /** Kafka consumer session timeout: a crashed member's partitions wait this long before moving. */
  KAFKA_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6_000).max(300_000).default(30_000),
  MONGO_URL: env.url(['mongodb', 'mongodb+srv']),
  MONGO_DB: z.string().regex(/^[a-zA-Z0-9_-]+$/, 'only letters, digits, "_" and "-"'),
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
