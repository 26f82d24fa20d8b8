import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '@haki/platform-logging';
import { ServiceMetrics } from './metrics';

/** One request through the middleware: `route` as Express leaves it on the request once a route matched. */
function answer(metrics: ServiceMetrics, method: string, status: number, route?: { path: string }, baseUrl = '') {
  const res = Object.assign(new EventEmitter(), { statusCode: status }) as unknown as ServerResponse;
  const req = { method, baseUrl } as unknown as IncomingMessage & { route?: { path: string } };
  metrics.httpMiddleware()(req, res, () => undefined);
  if (route) req.route = route; // matched while the request was routed, before the answer
  res.emit('finish');
}

describe('service metrics', () => {
  it('counts requests by route pattern and status, and lumps paths no route matched together', async () => {
    const metrics = new ServiceMetrics('intake-service');
    answer(metrics, 'POST', 201, { path: '/referrals' });
    answer(metrics, 'POST', 400, { path: '/referrals' });
    answer(metrics, 'GET', 200, { path: '/referrals/:id' });
    for (const path of ['/wp-admin', '/.env', '/x']) answer(metrics, 'GET', 404, undefined, path);
    const text = await metrics.registry.metrics();
    expect(text).toContain('haki_http_requests_total{method="POST",route="/referrals",status="201",service="intake-service"} 1');
    expect(text).toContain('haki_http_requests_total{method="GET",route="/referrals/:id",status="200",service="intake-service"} 1');
    expect(text).toContain('haki_http_requests_total{method="GET",route="unmatched",status="404",service="intake-service"} 3');
    expect(text).not.toContain('wp-admin');
    expect(text).toContain('haki_http_request_duration_seconds_count{service="intake-service",method="POST",route="/referrals"} 2');
  });

  it('counts consumed events by topic and outcome, with their handling time', async () => {
    const metrics = new ServiceMetrics('matching-service');
    metrics.eventConsumed('referral.submitted.v1', 'handled', 0.02);
    metrics.eventConsumed('referral.submitted.v1', 'handled', 0.03);
    metrics.eventConsumed('assignment.responded.v1', 'dead-lettered', 1.5);
    const text = await metrics.registry.metrics();
    expect(text).toContain('haki_events_consumed_total{topic="referral.submitted.v1",outcome="handled",service="matching-service"} 2');
    expect(text).toContain(
      'haki_events_consumed_total{topic="assignment.responded.v1",outcome="dead-lettered",service="matching-service"} 1',
    );
    expect(text).toContain('haki_event_processing_seconds_bucket{le="0.05",service="matching-service",topic="referral.submitted.v1"} 2');
    expect(text).toContain('haki_process_cpu_user_seconds_total{service="matching-service"}');
  });

  it('reports the outbox backlog and its oldest write at each scrape, and NaN (unknown) when it cannot read it', async () => {
    const metrics = new ServiceMetrics('intake-service');
    const logger = { warn: jest.fn() } as unknown as Logger;
    let pending: () => Promise<Date[]> = async () => [new Date(Date.now() - 90_000), new Date(Date.now() - 5_000)];
    metrics.watchOutbox(() => pending(), logger);
    let text = await metrics.registry.metrics();
    expect(text).toContain('haki_outbox_pending{service="intake-service"} 2');
    expect(Number(/^haki_outbox_oldest_seconds\{service="intake-service"} ([\d.]+)$/m.exec(text)![1])).toBeGreaterThanOrEqual(90);
    pending = () => Promise.reject(new Error('database away'));
    text = await metrics.registry.metrics();
    expect(text).toContain('haki_outbox_pending{service="intake-service"} Nan');
    expect(logger.warn).toHaveBeenCalled();
  });
});
