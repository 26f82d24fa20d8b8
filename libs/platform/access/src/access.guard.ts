import { createParamDecorator, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { IncomingHttpHeaders } from 'node:http';
import { HakiError } from '@haki/contracts';
import { ACCESS_RULE, type AccessRule } from './access-rules';
import { hasAnyRole, type Principal } from './principal';
import { ServiceTokenVerifier } from './service-token';

interface AccessRequest {
  headers: IncomingHttpHeaders;
  principal?: Principal;
}

/**
 * Deny by default: a route runs only if it declares a rule and the request meets it. The gateway's
 * token is verified here, in every service, so a service reached directly (another process on the
 * host, a pod on the cluster network) gets nothing without one.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: ServiceTokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true; // Kafka handlers: the broker's own ACLs decide who may produce.
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [context.getHandler(), context.getClass()]);
    if (!rule) throw new HakiError('ACCESS.FORBIDDEN', 'this route declares no access rule, so nobody may call it');
    if (rule.kind === 'open') return true;
    const request = context.switchToHttp().getRequest<AccessRequest>();
    const token = /^Bearer ([\w.-]+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!token) throw new HakiError('ACCESS.UNAUTHENTICATED', 'no service token; come in through the gateway');
    request.principal = await this.verifier.verify(token);
    if (rule.kind === 'roles' && !hasAnyRole(request.principal, rule.roles)) {
      throw new HakiError('ACCESS.FORBIDDEN', `this needs one of the roles ${rule.roles.join(', ')}`);
    }
    return true;
  }
}

/** The verified caller of an HTTP handler (AccessGuard put it on the request). */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AccessRequest>().principal;
  if (!principal) throw new HakiError('ACCESS.UNAUTHENTICATED', 'no verified caller on this request');
  return principal;
});
