import { Controller, Get, Inject } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { Allow, ROLE_GROUPS } from '@haki/platform-access';
import type { ServiceRuntime } from './service-runtime';
import { MONGO, SERVICE_RUNTIME } from './tokens';

/** The gauges ops watch in the web app's system health panel (the rest stay for Prometheus). */
const WATCHED = [
  'haki_consumer_lag_messages',
  'haki_outbox_pending',
  'haki_outbox_oldest_seconds',
  'haki_queue_jobs',
  'haki_queue_oldest_waiting_seconds',
  'haki_escalations_open',
  'haki_escalation_oldest_seconds',
  'haki_sla_overdue_cases',
] as const;

export interface SystemHealth {
  service: string;
  at: string;
  /** Each watched gauge this service has, with its labelled values (a topic's lag, a queue's state). */
  gauges: { name: string; values: { labels: Record<string, string | number>; value: number | null }[] }[];
  /** Dead letters not yet replayed (GET /dead-letters lists them). */
  deadLetters: number;
}

/**
 * `GET /system-health`: where this service stands, for ops in the web app (through the gateway, which
 * the metrics port is not). The same numbers Prometheus scrapes (metrics.ts), read at the request:
 * consumer lag per topic, the outbox backlog, job queues, escalations; and the dead letters waiting.
 */
@Controller('system-health')
export class SystemHealthController {
  constructor(
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    @Inject(MONGO) private readonly mongo: Connection,
  ) {}

  @Get()
  @Allow(...ROLE_GROUPS.deadLetterReaders)
  async get(): Promise<SystemHealth> {
    const metrics = await this.runtime.metrics.registry.getMetricsAsJSON();
    const gauges = metrics
      .filter((metric) => (WATCHED as readonly string[]).includes(metric.name))
      .map(({ name, values }) => ({
        name,
        values: values.map(({ labels, value }) => {
          const { service: _, ...own } = labels as Record<string, string | number>;
          return { labels: own, value: Number.isFinite(value) ? value : null }; // NaN: could not be read
        }),
      }));
    // The collection holds only failures, so counting it stays small (as GET /dead-letters reads it whole).
    const deadLetters = await this.mongo.collection('dead_letters').countDocuments({ replayedAt: { $exists: false } });
    return { service: this.runtime.service, at: new Date().toISOString(), gauges, deadLetters };
  }
}
