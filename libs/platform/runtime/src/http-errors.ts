import { Catch, HttpException, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';
import { describeError, httpErrorCodeFor, httpStatusOf, type ErrorCode } from '@haki/contracts';
import type { Logger } from '@haki/platform-logging';

type JsonResponse = { status(code: number): { json(body: unknown): void } };

/**
 * One global filter for both transports. Kafka (rpc): pass the original error through, so the
 * consumer can tell a retryable failure from a coded, final one (Nest would make it a generic error).
 * HTTP bodies for errors: `{ error: { code, message, fields? } }`, with the status from the code's
 * row in ERROR_CATALOGUE (contracts). An uncoded error is a 500 that reveals nothing internal.
 */
@Catch()
export class HakiErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): Observable<never> | void {
    if (host.getType() === 'rpc') return throwError(() => exception);
    const response = host.switchToHttp().getResponse<JsonResponse>();
    const coded = describeError(exception);
    if (coded) {
      const status = httpStatusOf(coded.code);
      if (status >= 500) this.logger.error({ err: exception, code: coded.code }, 'coded server error in HTTP request');
      const { code, message, fields } = coded;
      response.status(status).json({ error: { code, message, ...(fields ? { fields } : {}) } });
      return;
    }
    // Readiness answers 503 with the state of each check as its body.
    if (exception instanceof HttpException && exception.getStatus() === HttpStatus.SERVICE_UNAVAILABLE) {
      response.status(HttpStatus.SERVICE_UNAVAILABLE).json(exception.getResponse());
      return;
    }
    // Errors from the HTTP stack itself (unknown route, body too large, bad charset, malformed JSON) carry their 4xx.
    const status = exception instanceof HttpException ? exception.getStatus() : (exception as { status?: unknown } | null)?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return this.send(response, httpErrorCodeFor(status), (exception as Error).message);
    }
    this.logger.error({ err: exception }, 'unhandled error in HTTP request');
    this.send(response, 'INTERNAL', 'Internal error; see the service logs for this correlation id.');
  }

  private send(response: JsonResponse, code: ErrorCode, message: string): void {
    response.status(httpStatusOf(code)).json({ error: { code, message } });
  }
}
