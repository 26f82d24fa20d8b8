import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { catchError, from, mergeMap, type Observable } from 'rxjs';
import { ACCESS_RULE, type AccessRule, type Principal } from '@haki/platform-access';
import { describeError, httpStatusOf } from '@haki/contracts';
import { AuditLog } from './audit-log';

interface AuditedRequest {
  method: string;
  route?: { path?: string };
  params?: Record<string, string>;
  principal?: Principal;
}

/** Path parameters that are credentials (a signed link, a webhook's secret path): never written down. */
const SECRET_PARAMS = new Set(['token', 'secret']);

/**
 * Puts every HTTP request that got past access on the audit log before its answer leaves: who, with
 * which roles, which route, which ids, and the outcome. A read of a case is on record before the case
 * is shown; if the record cannot be written, the request fails. Pages a handler sends itself (links,
 * briefs) are recorded just after, with their status; the brief's opening is recorded before, by its
 * use case. Health probes are not audited.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditLog,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [context.getHandler(), context.getClass()]);
    if (context.getType() !== 'http' || !rule || rule.kind === 'open') return next.handle();
    const request = context.switchToHttp().getRequest<AuditedRequest>();
    const record = (outcome: string) =>
      this.audit.append({
        actor: request.principal?.subject ?? 'anonymous',
        roles: request.principal?.roles ?? [],
        action: `${request.method} ${request.route?.path ?? '?'}`,
        target: Object.fromEntries(Object.entries(request.params ?? {}).filter(([name]) => !SECRET_PARAMS.has(name))),
        outcome,
      });
    // Pages sent with @Res() (links, briefs) set their own status: a refused token is not an `ok`.
    const response = context.switchToHttp().getResponse<{ statusCode?: number; headersSent?: boolean }>();
    const outcomeOfSent = () => (response.headersSent && (response.statusCode ?? 200) >= 400 ? String(response.statusCode) : 'ok');
    return next.handle().pipe(
      mergeMap((result) => from(record(outcomeOfSent()).then(() => result))),
      catchError((error: unknown) => {
        const coded = describeError(error);
        return from(record(coded ? `${httpStatusOf(coded.code)} ${coded.code}` : 'error').then(() => Promise.reject(error)));
      }),
    );
  }
}
