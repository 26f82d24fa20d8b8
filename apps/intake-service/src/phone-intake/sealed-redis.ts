import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { Sealer, type SealedValue } from '@haki/platform-config';
import { PHONE_INTAKE_REDIS } from '../intake.tokens';

/**
 * Phone intake's short-lived state in Redis (USSD sessions, SMS conversations), sealed with the PII keys
 * since it holds what a referrer said, bound to `context`, and expiring on its own.
 */
@Injectable()
export class SealedRedis {
  constructor(
    @Inject(PHONE_INTAKE_REDIS) private readonly redis: Redis,
    private readonly sealer: Sealer,
  ) {}

  async get<T>(key: string, context: string): Promise<T | undefined> {
    const raw = await this.redis.get(key);
    if (!raw) return undefined;
    try {
      return this.sealer.open<T>(JSON.parse(raw) as SealedValue, context);
    } catch {
      return undefined; // sealed under a key since retired: as if it had expired
    }
  }

  async set(key: string, context: string, value: unknown, ttlSeconds: number): Promise<void> {
    await this.redis.set(key, JSON.stringify(this.sealer.seal(value, context)), 'EX', ttlSeconds);
  }

  async delete(...keys: string[]): Promise<void> {
    await this.redis.del(...keys);
  }

  /** A key part for a value the provider sent (a session id): its keyed fingerprint, so keys carry nothing it sent. */
  fingerprint(value: string): string {
    return this.sealer.fingerprint(value);
  }
}
