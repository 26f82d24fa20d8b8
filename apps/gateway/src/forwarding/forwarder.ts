import type { IncomingHttpHeaders } from 'node:http';
import { HakiError } from '@haki/contracts';
import type { Principal, ServiceTokenIssuer } from '@haki/platform-access';
import { CORRELATION_HEADER, currentTraceparent, TRACEPARENT_HEADER } from '@haki/platform-logging';
import type { ServiceKey } from './route-table';

/** Request headers a service may need; everything else (cookies above all) stays at the gateway. */
const REQUEST_HEADERS = ['content-type', 'accept', 'accept-language', 'idempotency-key', 'x-twilio-signature'];
/** Response headers passed back; a service never sets cookies on the gateway's origin. */
const RESPONSE_HEADERS = ['content-type', 'cache-control', 'location', 'retry-after', 'content-language', 'content-disposition'];

const UPSTREAM_TIMEOUT_MS = 30_000;
const FORWARDED_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);

export interface ForwardedResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * Sends a request on to a service with a fresh service token for the caller, and brings its answer
 * back. The body was read (and size-limited) by the gateway, so a slow sender ties up the gateway, not
 * a service. Buffered rather than streamed: every Haki answer is small.
 */
export class Forwarder {
  constructor(
    private readonly urls: Record<ServiceKey, string>,
    private readonly issuer: ServiceTokenIssuer,
  ) {}

  async forward(
    request: { method: string; headers: IncomingHttpHeaders; body?: unknown },
    target: { service: ServiceKey; path: string },
    caller: Principal,
    correlationId: string,
  ): Promise<ForwardedResponse> {
    const headers = new Headers();
    for (const name of REQUEST_HEADERS) {
      const value = request.headers[name];
      if (typeof value === 'string') headers.set(name, value);
    }
    headers.set('authorization', `Bearer ${await this.issuer.issue(caller, `${target.service}-service`)}`);
    headers.set(CORRELATION_HEADER, correlationId);
    // The gateway's request span is the service's parent (when a trace is on: see tracing.ts).
    const traceparent = currentTraceparent();
    if (traceparent) headers.set(TRACEPARENT_HEADER, traceparent);
    if (!FORWARDED_METHODS.has(request.method)) throw new HakiError('HTTP.METHOD_NOT_ALLOWED', `${request.method} is not forwarded`);
    // A GET or HEAD carries no body, whatever a client sent with it.
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD' && Buffer.isBuffer(request.body) && request.body.length > 0;
    let response: Response;
    let body: Buffer;
    try {
      response = await fetch(`${this.urls[target.service]}${target.path}`, {
        method: request.method,
        headers,
        ...(hasBody ? { body: request.body as Buffer } : {}),
        redirect: 'manual',
        signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS),
      });
      body = Buffer.from(await response.arrayBuffer());
    } catch (error) {
      // Refused before it was sent: nothing happened. A timeout or a cut answer: it may have.
      const refused = (error as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED';
      throw new HakiError(
        'GATEWAY.SERVICE_UNAVAILABLE',
        refused || request.method === 'GET'
          ? `the ${target.service} service did not answer; try again`
          : `the ${target.service} service did not answer in time; it may have acted: check before trying again`,
      );
    }
    const passed: Record<string, string> = {};
    for (const name of RESPONSE_HEADERS) {
      const value = response.headers.get(name);
      if (value !== null) passed[name] = value;
    }
    return { status: response.status, headers: passed, body };
  }
}
