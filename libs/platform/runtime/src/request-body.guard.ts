import { isUtf8 } from 'node:buffer';
import type { IncomingHttpHeaders } from 'node:http';
import { Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { HakiError } from '@haki/contracts';

const ACCEPTS_BODY = 'haki:accepts-body';

/**
 * The media types a route takes its body in. Every route takes JSON only unless it says otherwise, so a
 * cross-site HTML form (`application/x-www-form-urlencoded`, which browsers send without asking) cannot
 * post to a JSON endpoint. Provider webhooks and link pages declare the form type; the roster import CSV.
 */
export const AcceptsBody = (...mediaTypes: string[]) => SetMetadata(ACCEPTS_BODY, mediaTypes);

interface BodyRequest {
  method: string;
  headers: IncomingHttpHeaders;
  /** The bytes the JSON or form parser read (bootstrap's `rawBody: true`). */
  rawBody?: Buffer;
}

/**
 * Refuses a request body in a media type the route does not take (415) and one that is not valid UTF-8
 * (400), instead of quietly replacing its bad bytes. Requests without a body pass.
 */
@Injectable()
export class RequestBodyGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<BodyRequest>();
    if (!hasBody(request)) return true;
    const accepted = this.reflector.getAllAndOverride<string[] | undefined>(ACCEPTS_BODY, [context.getHandler(), context.getClass()]) ?? [
      'application/json',
    ];
    const mediaType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (!accepted.includes(mediaType)) {
      throw new HakiError('HTTP.UNSUPPORTED_MEDIA_TYPE', `send the body as ${accepted.join(' or ')}, not ${mediaType || 'no type'}`);
    }
    if (request.rawBody && !isUtf8(request.rawBody)) throw new HakiError('HTTP.BAD_REQUEST', 'the body is not valid UTF-8');
    return true;
  }
}

const hasBody = (request: BodyRequest) =>
  request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
