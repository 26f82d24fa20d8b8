import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { HealthIndicator, type HealthCheck } from '@haki/platform-runtime';
import { PHONE_INTAKE_REDIS } from '../intake.tokens';

/** Readiness: phone intake's Redis answers, so USSD sessions and per-phone limits work. */
@Injectable()
@HealthIndicator()
export class PhoneIntakeRedisHealth implements HealthCheck {
  readonly name = 'redis-phone-intake';

  constructor(@Inject(PHONE_INTAKE_REDIS) private readonly redis: Redis) {}

  async check(): Promise<void> {
    await this.redis.ping();
  }
}
