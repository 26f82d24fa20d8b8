import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Queue } from 'bullmq';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ConsumeOutcome } from '@haki/platform-messaging';
import type { Logger } from '@haki/platform-logging';

/** Request durations: a USSD or SMS webhook answers in well under a second; a roster import may take seconds. */
const HTTP_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Event handling, retries of a passing outage included, so the buckets reach minutes. */
const EVENT_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

/**
 * One service's Prometheus metrics (prom-client): the process's own (CPU, memory, event loop lag, GC),
 * HTTP requests by route, and events consumed by topic and outcome. Every series carries `service`.
 * Served on METRICS_PORT only (`serveMetrics`), never through the gateway: they name routes and topics,
 * and nobody outside the operators' network needs them.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  private readonly httpSeconds: Histogram<'method' | 'route'>;
  private readonly eventsConsumed: Counter<'topic' | 'outcome'>;
  private readonly eventSeconds: Histogram<'topic'>;
  /** BullMQ queues whose depth is read at each scrape (watchQueue). */
  private readonly queues: Queue[] = [];

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry, prefix: 'haki_' });
    const registers = [this.registry];
    this.httpRequests = new Counter({
      name: 'haki_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status code',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.httpSeconds = new Histogram({
      name: 'haki_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by method and route pattern',
      labelNames: ['method', 'route'],
      buckets: HTTP_SECONDS,
      registers,
    });
    this.eventsConsumed = new Counter({
      name: 'haki_events_consumed_total',
      help: 'Kafka events this service finished with, by topic and outcome (handled, dead-lettered)',
      labelNames: ['topic', 'outcome'],
      registers,
    });
    this.eventSeconds = new Histogram({
      name: 'haki_event_processing_seconds',
      help: 'Time from taking a Kafka event to finishing with it (retries included), by topic',
      labelNames: ['topic'],
      buckets: EVENT_SECONDS,
      registers,
    });
  }

  /** One answered request. `route` is the matched pattern (`/offers/:offerId/responses`), never the raw path. */
  httpAnswered(method: string, route: string, status: number, seconds: number): void {
    this.httpRequests.inc({ method, route, status: String(status) });
    this.httpSeconds.observe({ method, route }, seconds);
  }

  /** One consumed event (the consumer's `observe` hook). */
  eventConsumed(topic: string, outcome: ConsumeOutcome, seconds: number): void {
    this.eventsConsumed.inc({ topic, outcome });
    this.eventSeconds.observe({ topic }, seconds);
  }

  /**
   * `haki_consumer_lag_messages{topic}`, read from `lag` at each scrape. A scrape while the broker is away
   * leaves the series out (the broker's own alerts cover that) rather than failing every other series.
   */
  watchConsumerLag(lag: () => Promise<Map<string, number>>, logger: Logger): void {
    new Gauge({
      name: 'haki_consumer_lag_messages',
      help: "Messages on a topic this service's consumer group has not committed yet (all partitions)",
      labelNames: ['topic'],
      registers: [this.registry],
      async collect() {
        this.reset();
        try {
          for (const [topic, behind] of await lag()) this.set({ topic }, behind);
        } catch (error) {
          logger.warn({ err: error }, 'consumer lag could not be read for metrics');
        }
      },
    });
  }

  /**
   * `haki_outbox_pending` (writes whose events are not published yet) and `haki_outbox_oldest_seconds`,
   * read from the service's `outbox_pending` collection at each scrape: events stuck there mean the
   * broker refuses them or the relay is stuck. NaN when the collection cannot be read.
   */
  watchOutbox(pendingSince: () => Promise<Date[]>, logger: Logger): void {
    const gauge = (name: string, help: string, value: (since: Date[]) => number) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        async collect() {
          await pendingSince()
            .then((since) => this.set(value(since)))
            .catch((error: unknown) => {
              logger.warn({ err: error }, 'outbox unreadable for metrics');
              this.set(Number.NaN); // unknown, not an empty outbox
            });
        },
      });
    gauge('haki_outbox_pending', 'Writes whose events wait in the outbox to be published', (since) => since.length);
    gauge('haki_outbox_oldest_seconds', 'Age of the oldest write whose events are not published yet (0 when none)', (since) =>
      since.length ? Math.max(0, Date.now() - Math.min(...since.map((at) => at.getTime()))) / 1000 : 0,
    );
  }

  /**
   * `haki_queue_jobs{queue,state}` (waiting, active, delayed, failed) and `haki_queue_oldest_waiting_seconds`
   * for a BullMQ queue, read from Redis at each scrape. A queue that cannot be read is left out of that scrape.
   */
  /** The queues watched so far (the queue board shows the same ones). */
  get watchedQueues(): readonly Queue[] {
    return this.queues;
  }

  watchQueue(queue: Queue, logger: Logger): void {
    if (this.queues.length === 0) this.queueGauges(logger);
    this.queues.push(queue);
  }

  private queueGauges(logger: Logger): void {
    const queues = this.queues;
    const eachQueue = async (read: (queue: Queue) => Promise<void>) => {
      for (const queue of queues)
        await read(queue).catch((error: unknown) => logger.warn({ err: error, queue: queue.name }, 'queue unreadable for metrics'));
    };
    new Gauge({
      name: 'haki_queue_jobs',
      help: 'BullMQ jobs by queue and state (waiting, active, delayed, failed)',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        this.reset();
        await eachQueue(async (queue) => {
          const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed');
          for (const [state, jobs] of Object.entries(counts)) this.set({ queue: queue.name, state }, jobs);
        });
      },
    });
    new Gauge({
      name: 'haki_queue_oldest_waiting_seconds',
      help: 'Age of the oldest job waiting to run, by queue (0 when none waits)',
      labelNames: ['queue'],
      registers: [this.registry],
      async collect() {
        this.reset();
        await eachQueue(async (queue) => {
          const [oldest] = await queue.getJobs(['wait'], 0, 0, true);
          this.set({ queue: queue.name }, oldest ? Math.max(0, Date.now() - oldest.timestamp) / 1000 : 0);
        });
      },
    });
  }

  /**
   * Express middleware: times every request and records it under its route pattern once answered. A path
   * no route matched is recorded as `unmatched`, so a scan of random URLs cannot grow the series without end.
   */
  httpMiddleware() {
    return (req: RoutedRequest, res: ServerResponse, next: () => void) => {
      const started = performance.now();
      res.once('finish', () => {
        const route = routePattern(req) ?? 'unmatched';
        this.httpAnswered(req.method ?? 'GET', route, res.statusCode, (performance.now() - started) / 1000);
      });
      next();
    };
  }
}

/** A request as Express leaves it once routed: the matched route's pattern, under its router's mount path. */
export type RoutedRequest = IncomingMessage & { route?: { path?: string }; baseUrl?: string };

/** The route pattern a request matched (`/referrals/:id`), never its path (ids, tokens); undefined when none matched. */
export const routePattern = (req: RoutedRequest): string | undefined =>
  req.route?.path ? `${req.baseUrl ?? ''}${req.route.path}` : undefined;

/** Serves `GET /metrics` on its own port (METRICS_PORT), apart from the service's HTTP API. */
export async function serveMetrics(metrics: ServiceMetrics, port: number, host: string, logger: Logger): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    metrics.registry
      .metrics()
      .then((body) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(body))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'metrics could not be collected');
        res.writeHead(500).end();
      });
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
  logger.info({ port }, 'metrics served on /metrics');
  return server;
}
