import { Controller, Get } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ExecutionContext } from '@nestjs/common';
import { AccessGuard } from './access.guard';
import { Allow, AllowAnyCaller, OpenWithoutToken } from './access-rules';
import { generateServiceTokenKeyPair, parseSigningKey, parseVerifyKeys, ServiceTokenIssuer, ServiceTokenVerifier } from './service-token';

@Controller()
class Routes {
  @Get() @Allow('ops') forOps() {
    return 'forOps';
  }
  @Get() @AllowAnyCaller('a signed link') forAnyone() {
    return 'forAnyone';
  }
  @Get() @OpenWithoutToken('a probe') probe() {
    return 'probe';
  }
  @Get() undeclared() {
    return 'undeclared';
  }
}

const keys = generateServiceTokenKeyPair('gw1');
const issuer = new ServiceTokenIssuer(parseSigningKey(keys.signingKey));
const guard = new AccessGuard(new Reflector(), new ServiceTokenVerifier(parseVerifyKeys(keys.verifyKey), 'case-service'));

function contextFor(handler: keyof Routes, authorization?: string): { context: ExecutionContext; request: Record<string, unknown> } {
  const request: Record<string, unknown> = { headers: authorization ? { authorization } : {} };
  const context = {
    getType: () => 'http',
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
  return { context, request };
}

const bearer = async (roles: ('ops' | 'intake')[]) => `Bearer ${await issuer.issue({ subject: 'someone', roles }, 'case-service')}`;

describe('AccessGuard', () => {
  it('refuses a route that declares no rule, whoever calls', async () => {
    await expect(guard.canActivate(contextFor('undeclared', await bearer(['ops'])).context)).rejects.toMatchObject({
      code: 'ACCESS.FORBIDDEN',
    });
  });

  it('wants a token unless the route is open, and the role the rule names', async () => {
    await expect(guard.canActivate(contextFor('forOps').context)).rejects.toMatchObject({ code: 'ACCESS.UNAUTHENTICATED' });
    await expect(guard.canActivate(contextFor('forOps', await bearer(['intake'])).context)).rejects.toMatchObject({
      code: 'ACCESS.FORBIDDEN',
    });
    const allowed = contextFor('forOps', await bearer(['ops']));
    await expect(guard.canActivate(allowed.context)).resolves.toBe(true);
    expect(allowed.request['principal']).toEqual({ subject: 'someone', roles: ['ops'] });

    await expect(guard.canActivate(contextFor('forAnyone').context)).rejects.toMatchObject({ code: 'ACCESS.UNAUTHENTICATED' });
    await expect(guard.canActivate(contextFor('forAnyone', await bearer([])).context)).resolves.toBe(true);
    await expect(guard.canActivate(contextFor('probe').context)).resolves.toBe(true);
  });
});
