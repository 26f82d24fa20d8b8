import { Controller, Get, HttpException, HttpStatus, Inject, type OnModuleInit } from '@nestjs/common';
import { OpenWithoutToken } from '@haki/platform-access';
import { DiscoveryService } from '@nestjs/core';
import { HakiError } from '@haki/contracts';
import { Gauge } from 'prom-client';
import type { ServiceRuntime } from './service-runtime';
import { HEALTH_CHECKS, LIVENESS_CHECKS, SERVICE_RUNTIME } from './tokens';

export interface HealthCheck {
  name: string;
  /** Resolves when the dependency is usable; rejects (or times out) otherwise. */
  check(): Promise<void>;
}

/**
 * Marks a provider as one of its service's readiness checks (it implements HealthCheck). A service
 * registers a check for each dependency it adds (Redis, a provider API) by declaring such a provider;
 * the platform's own checks (MongoDB, the Kafka producer and consumer) come from the ServiceRuntime.
 */
export const HealthIndicator = DiscoveryService.createDecorator<void>();

const CHECK_TIMEOUT_MS = 2_000;

function withTimeout(check: HealthCheck): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((_, reject) => {
    timer = setTimeout(() => reject(new HakiError('HEALTH.TIMEOUT', 'timed out')), CHECK_TIMEOUT_MS);
  });
  return Promise.race([check.check(), timeout]).finally(() => clearTimeout(timer));
}

@Controller('health')
@OpenWithoutToken('probes from the orchestrator; the answers say nothing about cases or people')
export class HealthController implements OnModuleInit {
  private checks: HealthCheck[] = [];

  constructor(
    @Inject(HEALTH_CHECKS) private readonly platformChecks: HealthCheck[],
    @Inject(LIVENESS_CHECKS) private readonly livenessChecks: (() => string | undefined)[],
    private readonly discovery: DiscoveryService,
    @Inject(SERVICE_RUNTIME) private readonly runtime: Pick<ServiceRuntime, 'metrics'>,
  ) {}

  onModuleInit(): void {
    // Found once; the platform's array is read on every request, since the Kafka consumer adds its
    // check only when it starts, after this.
    this.checks = this.discovery.getProviders({ metadataKey: HealthIndicator.KEY }).map((wrapper) => wrapper.instance as HealthCheck);
    // The readiness answer as a metric, one series per dependency: an alert can say which one is failing
    // while the process itself still answers scrapes (`up` stays 1).
    const readiness = () => this.runChecks();
    new Gauge({
      name: 'haki_dependency_ready',
      help: "1 when the service's readiness check of this dependency passes, 0 when it fails or times out (GET /health/ready)",
      labelNames: ['check'],
      registers: [this.runtime.metrics.registry],
      async collect() {
        this.reset();
        for (const [check, state] of await readiness()) this.set({ check }, state === 'ok' ? 1 : 0);
      },
    });
  }

  /**
   * The process is alive: the event loop answers and nothing in it has stopped for good (a Kafka
   * consumer that crashed without restarting). Orchestrators restart it when this fails.
   */
  @Get('live')
  live(): { status: 'ok' } {
    const problems = this.livenessChecks.map((check) => check()).filter((problem): problem is string => problem !== undefined);
    if (problems.length) throw new HttpException({ status: 'failing', problems }, HttpStatus.SERVICE_UNAVAILABLE);
    return { status: 'ok' };
  }

  /** Every dependency answers. Load balancers stop sending traffic while this fails. */
  @Get('ready')
  async ready(): Promise<{ status: 'ok'; checks: Record<string, string> }> {
    const results = await this.runChecks();
    const checks = Object.fromEntries(results);
    if (results.some(([, state]) => state !== 'ok')) {
      throw new HttpException({ status: 'unavailable', checks }, HttpStatus.SERVICE_UNAVAILABLE);
    }
    return { status: 'ok', checks };
  }

  private runChecks(): Promise<(readonly [string, string])[]> {
    return Promise.all(
      [...this.platformChecks, ...this.checks].map(async (check) => {
        try {
          await withTimeout(check);
          return [check.name, 'ok'] as const;
        } catch (error) {
          return [check.name, `failing: ${(error as Error).message}`] as const;
        }
      }),
    );
  }
}
