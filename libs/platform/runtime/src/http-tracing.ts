import type { IncomingMessage, ServerResponse } from 'node:http';
import { SpanKind, startSpan, TRACEPARENT_HEADER } from '@haki/platform-logging';

type Request = IncomingMessage & { route?: { path?: string }; baseUrl?: string };

/**
 * A server span per HTTP request, child of the caller's `traceparent` when it sent one. Named by the
 * route pattern once matched (`POST /referrals`), never by the path, which may carry ids or a signed
 * link's token; the query string is left out for the same reason.
 */
export function httpTracing() {
  return (req: Request, res: ServerResponse, next: () => void) => {
    const method = req.method ?? 'GET';
    const traceparent = req.headers[TRACEPARENT_HEADER];
    const span = startSpan(`HTTP ${method}`, {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': method },
      parent: typeof traceparent === 'string' ? traceparent : undefined,
    });
    res.once('close', () => {
      const route = req.route?.path ? `${req.baseUrl ?? ''}${req.route.path}` : undefined;
      span.end({
        ...(route ? { name: `${method} ${route}` } : {}),
        attributes: { 'http.response.status_code': res.statusCode, ...(route ? { 'http.route': route } : {}) },
        failed: res.statusCode >= 500,
      });
    });
    span.run(next);
  };
}
