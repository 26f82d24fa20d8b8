import {
  ACCESS_ROLES,
  ANONYMOUS,
  generateServiceTokenKeyPair,
  parseSigningKey,
  SERVICE_AUDIENCES,
  ServiceTokenIssuer,
  type Principal,
  type RouteAccess,
} from '@haki/platform-access';
import { authorizationFor } from './env';
import { startService } from './service-process';

/** Who knocks, in every cell: nobody, a forger, an anonymous caller the gateway let through, and each role. */
const CALLERS: { name: string; headers: () => Promise<Record<string, string>>; roles: readonly string[] | 'none' | 'forged' }[] = [
  { name: 'no token', headers: async () => ({}), roles: 'none' },
  {
    name: 'token signed by another key',
    headers: async () => {
      const forger = new ServiceTokenIssuer(parseSigningKey(generateServiceTokenKeyPair('test').signingKey));
      return { authorization: `Bearer ${await forger.issue({ subject: 'forger', roles: [...ACCESS_ROLES] }, SERVICE_AUDIENCES)}` };
    },
    roles: 'forged',
  },
  { name: 'anonymous', headers: () => authorizationFor(ANONYMOUS), roles: [] },
  ...ACCESS_ROLES.map((role) => ({
    name: role,
    headers: () => authorizationFor(principalFor(role)),
    roles: [role],
  })),
];

function principalFor(role: (typeof ACCESS_ROLES)[number]): Principal {
  return {
    subject: `${role}-matrix`,
    roles: [role],
    ...(role === 'intake' ? { organisationId: 'org-matrix' } : {}),
    ...(role === 'professional' ? { professionalId: 'pro-matrix' } : {}),
  };
}

export interface MatrixResult {
  cells: number;
  /** Routes that declare no rule: the guard refuses them, but a route nobody can call is a mistake either way. */
  undeclared: string[];
  /** Cells whose answer is not what the rule says: a refusal where access is granted, or anything else where it is not. */
  violations: string[];
}

/**
 * The authorization matrix of one service, from its route table (`routeTable` of its root module and
 * the platform's controllers): starts the service as its own process
 * (as `npm start` does) and calls every route as every caller. Where the rule refuses the caller the
 * answer must be 401 (no valid token) or 403 (a role not named); where it admits them, anything but
 * 401/403 (a 404 for the made-up ids is fine: the request got past access).
 */
export async function checkAccessMatrix(service: string, routes: RouteAccess[], env: Record<string, string>): Promise<MatrixResult> {
  const undeclared = routes
    .filter((route) => !route.rule)
    .map((route) => `${route.method} ${route.path} (${route.controller}.${route.handler})`);
  const running = await startService(service, env);
  const violations: string[] = [];
  let cells = 0;
  try {
    for (const route of routes) {
      const url = `${running.url}${route.path.replace(/:\w+/g, 'matrix-x')}`;
      for (const caller of CALLERS) {
        cells += 1;
        const hasBody = route.method !== 'GET' && route.method !== 'HEAD';
        const response = await fetch(url, {
          method: route.method,
          headers: { ...(await caller.headers()), ...(hasBody ? { 'content-type': 'application/json' } : {}) },
          ...(hasBody ? { body: '{}' } : {}),
        });
        await response.arrayBuffer();
        const expected = expectedStatus(route, caller.roles);
        const refused = response.status === 401 || response.status === 403;
        const ok = expected === 'admitted' ? !refused : response.status === expected;
        if (!ok) violations.push(`${route.method} ${route.path} as ${caller.name}: ${response.status}, expected ${expected}`);
      }
    }
  } finally {
    await running.stop();
  }
  return { cells, undeclared, violations };
}

function expectedStatus(route: RouteAccess, roles: readonly string[] | 'none' | 'forged'): 401 | 403 | 'admitted' {
  const rule = route.rule;
  if (!rule) return 403;
  if (rule.kind === 'open') return 'admitted';
  if (roles === 'none' || roles === 'forged') return 401;
  if (rule.kind === 'any-caller') return 'admitted';
  return roles.some((role) => (rule.roles as readonly string[]).includes(role)) ? 'admitted' : 403;
}
