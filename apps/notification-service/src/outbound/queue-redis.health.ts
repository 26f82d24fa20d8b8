import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { HealthIndicator, type HealthCheck } from '@haki/platform-runtime';
import { QUEUE_REDIS } from '../notification.tokens';

/** Readiness: the queue's Redis answers, so offers can be queued. */
@Injectable()
@HealthIndicator()
export class QueueRedisHealth implements HealthCheck {
  readonly name = 'redis-queue';

  constructor(@Inject(QUEUE_REDIS) private readonly redis: Redis) {}

  async check(): Promise<void> {
    await this.redis.ping();
  }
}
