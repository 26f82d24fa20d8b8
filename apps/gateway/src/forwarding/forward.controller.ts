import { All, Controller, Req, Res } from '@nestjs/common';
import { Throttle } from '@nestjs/throttler';
import { randomUUID } from 'node:crypto';
import { ANONYMOUS } from '@haki/platform-access';
import { acceptedCorrelationId } from '@haki/platform-logging';
import { WithoutSession, type GatewayRequest } from '../sessions/session-guard';
import { Forwarder } from './forwarder';
import { upstreamPathOf } from './route-table';
import { ApiExcludeController } from '@nestjs/swagger';

interface ForwardRequest extends GatewayRequest {
  originalUrl: string;
  body?: unknown;
}

interface RawResponse {
  status(code: number): RawResponse;
  set(headers: Record<string, string>): RawResponse;
  send(body: Buffer): void;
}

/**
 * `/api/<service>/…` for signed-in people (the SessionGuard has checked the session and CSRF token),
 * and the provider webhooks and signed-link pages for anyone. Each request reaches its service with a
 * service token: the signed-in principal, or `anonymous`. The service decides what that principal may do.
 */
/** Not in the gateway's API document: what it forwards is in each service's own. */
@ApiExcludeController()
@Controller()
export class ForwardController {
  constructor(private readonly forwarder: Forwarder) {}

  @All('api/*path')
  async api(@Req() request: ForwardRequest, @Res() response: RawResponse): Promise<void> {
    await this.send(request, response);
  }

  /**
   * SMS and USSD providers call in bursts (a delivery report per message, a request per USSD screen, from
   * a few addresses): a higher limit, not none.
   */
  @All(['webhooks/*path', 'ussd/*path'])
  @WithoutSession()
  @Throttle({ default: { limit: 6_000, ttl: 60_000 } })
  async webhooks(@Req() request: ForwardRequest, @Res() response: RawResponse): Promise<void> {
    await this.send(request, response);
  }

  @All(['links/*path', 'briefs/*path'])
  @WithoutSession()
  async links(@Req() request: ForwardRequest, @Res() response: RawResponse): Promise<void> {
    await this.send(request, response);
  }

  private async send(request: ForwardRequest, response: RawResponse): Promise<void> {
    const target = upstreamPathOf(request.originalUrl);
    const caller = target.signedIn && request.session ? request.session.principal : ANONYMOUS;
    const correlationId = acceptedCorrelationId(request.headers['x-correlation-id']) ?? randomUUID();
    const answer = await this.forwarder.forward(request, target, caller, correlationId);
    response.status(answer.status).set(answer.headers).send(answer.body);
  }
}
