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
 * is shown; if the record cannot be written, the request fails. Health probes are not audited.
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
    return next.handle().pipe(
      mergeMap((result) => from(record('ok').then(() => result))),
      catchError((error: unknown) => {
        const coded = describeError(error);
        return from(record(coded ? `${httpStatusOf(coded.code)} ${coded.code}` : 'error').then(() => Promise.reject(error)));
      }),
    );
  }
}
