import { Controller, Get, HttpException, HttpStatus, Inject } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import type { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import { WithoutSession } from './sessions/session-guard';
import { GATEWAY_MONGO, GATEWAY_REDIS } from './tokens';

/** Probes for the orchestrator: alive, and ready when the account store and the session store answer. */
@Controller('health')
@WithoutSession()
@SkipThrottle()
export class GatewayHealthController {
  constructor(
    @Inject(GATEWAY_MONGO) private readonly mongo: Connection,
    @Inject(GATEWAY_REDIS) private readonly redis: Redis,
  ) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(): Promise<{ status: 'ok' }> {
    const checks = await Promise.allSettled([this.mongo.db!.command({ ping: 1 }), this.redis.ping()]);
    if (checks.some((check) => check.status === 'rejected')) {
      throw new HttpException(
        { status: 'unavailable', mongo: checks[0]!.status, redis: checks[1]!.status },
        HttpStatus.SERVICE_UNAVAILABLE,
      );
    }
    return { status: 'ok' };
  }
}
