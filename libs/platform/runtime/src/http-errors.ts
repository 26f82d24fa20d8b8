import { Catch, HttpException, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';
import { HakiError } from '@haki/contracts';
import type { Logger } from '@haki/platform-logging';

/** Coded errors that mean "the caller sent something wrong", and the status each maps to. */
const STATUS_BY_CODE_SUFFIX: [RegExp, HttpStatus][] = [
  [/\.NOT_FOUND$/, HttpStatus.NOT_FOUND],
  [/CONFLICT$/, HttpStatus.CONFLICT],
];

/**
 * One global filter for both transports. Kafka (rpc): pass the original error through, so the
 * consumer can tell a retryable failure from a coded, final one (Nest would make it a generic error).
 * HTTP bodies for errors: `{ error: { code, message, fields? } }`. A HakiError is a client error
 * (400, or 404/409 by code) naming the fields; anything else is a 500 that reveals nothing internal.
 */
@Catch()
export class HakiErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): Observable<never> | void {
    if (host.getType() === 'rpc') return throwError(() => exception);
    const response = host.switchToHttp().getResponse<{ status(code: number): { json(body: unknown): void } }>();
    if (exception instanceof HakiError) {
      const status = STATUS_BY_CODE_SUFFIX.find(([pattern]) => pattern.test(exception.code))?.[1] ?? HttpStatus.BAD_REQUEST;
      const { code, message, fields } = exception.toJSON();
      response.status(status).json({ error: { code, message, ...(fields ? { fields } : {}) } });
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      response
        .status(status)
        .json(
          typeof body === 'object' && body !== null && 'checks' in body
            ? body
            : { error: { code: `HTTP.${status}`, message: exception.message } },
        );
      return;
    }
    // Errors from the HTTP stack itself (body too large, bad charset, malformed JSON) carry their 4xx.
    const status = (exception as { status?: unknown } | null)?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      response.status(status).json({ error: { code: `HTTP.${status}`, message: (exception as Error).message } });
      return;
    }
    this.logger.error({ err: exception }, 'unhandled error in HTTP request');
    response
      .status(HttpStatus.INTERNAL_SERVER_ERROR)
      .json({ error: { code: 'INTERNAL', message: 'Internal error; see the service logs for this correlation id.' } });
  }
}
