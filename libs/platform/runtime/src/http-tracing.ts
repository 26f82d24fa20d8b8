import type { ServerResponse } from 'node:http';
import { SpanKind, startSpan, TRACEPARENT_HEADER } from '@haki/platform-logging';
import { routePattern, type RoutedRequest } from './metrics';

/**
 * A server span per HTTP request. Named by the route pattern once matched (`POST /referrals`), never by
 * the path, which may carry ids or a signed link's token; the query string is left out for the same reason.
 *
 * `caller: 'trusted'` (a service, reached only through the gateway): the span is the child of the
 * request's `traceparent`. `caller: 'public'` (the gateway): anyone may send one, choosing trace ids or
 * switching sampling off for everything downstream, so the span starts a new trace and only links to it.
 */
export function httpTracing(caller: 'trusted' | 'public') {
  return (req: RoutedRequest, res: ServerResponse, next: () => void) => {
    const method = req.method ?? 'GET';
    const header = req.headers[TRACEPARENT_HEADER];
    const traceparent = typeof header === 'string' ? header : undefined;
    const span = startSpan(`HTTP ${method}`, {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': method },
      ...(caller === 'trusted' ? { parent: traceparent } : { link: traceparent }),
    });
    res.once('close', () => {
      const route = routePattern(req);
      // Closed before the answer was sent: the caller went away (or the server failed mid-answer).
      const aborted = !res.writableFinished;
      span.end({
        ...(route ? { name: `${method} ${route}` } : {}),
        attributes: {
          'http.response.status_code': res.statusCode,
          ...(route ? { 'http.route': route } : {}),
          ...(aborted ? { 'haki.aborted': true } : {}),
        },
        failed: res.statusCode >= 500 || aborted,
      });
    });
    span.run(next);
  };
}
