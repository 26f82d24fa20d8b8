import { Controller, Get, HttpException, HttpStatus, Inject } from '@nestjs/common';
import { HEALTH_CHECKS } from './tokens';

export interface HealthCheck {
  name: string;
  /** Resolves when the dependency is usable; rejects (or times out) otherwise. */
  check(): Promise<void>;
}

const CHECK_TIMEOUT_MS = 2_000;

function withTimeout(check: HealthCheck): Promise<void> {
  return Promise.race([
    check.check(),
    new Promise<void>((_, reject) => setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS)),
  ]);
}

@Controller('health')
export class HealthController {
  constructor(@Inject(HEALTH_CHECKS) private readonly checks: HealthCheck[]) {}

  /** The process is alive (the event loop answers). Orchestrators restart it when this fails. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Every dependency answers. Load balancers stop sending traffic while this fails. */
  @Get('ready')
  async ready(): Promise<{ status: 'ok'; checks: Record<string, string> }> {
    const results = await Promise.all(
      this.checks.map(async (check) => {
        try {
          await withTimeout(check);
          return [check.name, 'ok'] as const;
        } catch (error) {
          return [check.name, `failing: ${(error as Error).message}`] as const;
        }
      }),
    );
    const checks = Object.fromEntries(results);
    if (results.some(([, state]) => state !== 'ok')) {
      throw new HttpException({ status: 'unavailable', checks }, HttpStatus.SERVICE_UNAVAILABLE);
    }
    return { status: 'ok', checks };
  }
}
