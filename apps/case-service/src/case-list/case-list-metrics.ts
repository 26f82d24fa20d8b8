import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@haki/platform-runtime';
import { CaseSummaries } from './case-summaries';
import { SLA_MILESTONES } from './case-summary';
import { queueHealth } from './queue-health';

/**
 * Escalations waiting for ops and overdue SLA clocks, read from this process's case list at each scrape
 * (rows in memory, no database read). Every case-service instance holds every row, so each reports
 * the same figures: alert rules take the max across instances, not the sum.
 */
@Injectable()
export class CaseListMetrics implements OnModuleInit {
  constructor(
    @Inject(SERVICE_RUNTIME) private readonly runtime: Pick<ServiceRuntime, 'metrics'>,
    private readonly cases: CaseSummaries,
  ) {}

  onModuleInit(): void {
    const registers = [this.runtime.metrics.registry];
    // The three gauges are collected one after the other in a scrape: one pass over the rows serves them all.
    let last: { at: number; health: ReturnType<typeof queueHealth> } | undefined;
    const health = () => {
      const now = Date.now();
      if (!last || now - last.at > 1_000) last = { at: now, health: queueHealth(this.cases.rowsAsLastSeen(), now) };
      return last.health;
    };
    new Gauge({
      name: 'haki_escalations_open',
      help: 'Open cases with a role escalated to ops and still unfilled',
      registers,
      collect() {
        this.set(health().escalated);
      },
    });
    new Gauge({
      name: 'haki_escalation_oldest_seconds',
      help: 'How long the longest-waiting escalation has been with ops, 0 when none',
      registers,
      collect() {
        this.set(health().oldestEscalationSeconds);
      },
    });
    new Gauge({
      name: 'haki_sla_overdue_cases',
      help: 'Open cases whose clock for this milestone is still open and past due (first-offer, acceptance, on-site, report)',
      labelNames: ['milestone'],
      registers,
      collect() {
        const { overdue } = health();
        for (const milestone of SLA_MILESTONES) this.set({ milestone }, overdue[milestone]);
      },
    });
  }
}
