import { HakiError } from '@haki/contracts';
import type { AccessRole } from './roles';
import { parseSigningKey, SERVICE_AUDIENCES, SERVICE_TOKEN_LIFETIME_SECONDS, ServiceTokenIssuer } from './service-token';

/**
 * `fetch` for operator tools on the host (load runs, benchmarks, the SMS demo): they call the services
 * directly, signing as the gateway would with SERVICE_TOKEN_SIGNING_KEY (the scripts read the key
 * `npm start` made), so a load run measures the services rather than the gateway's rate limits. A
 * token is reused for half its lifetime.
 */
export function operatorFetch(subject: string, roles: AccessRole[], signingKey: string | undefined): typeof fetch {
  if (!signingKey) throw new HakiError('CONFIG.INVALID', 'SERVICE_TOKEN_SIGNING_KEY is not set: run the tool through its npm script');
  const issuer = new ServiceTokenIssuer(parseSigningKey(signingKey));
  let token: { value: string; until: number } | undefined;
  return async (input, init = {}) => {
    if (!token || token.until < Date.now()) {
      token = {
        value: await issuer.issue({ subject, roles }, SERVICE_AUDIENCES),
        until: Date.now() + (SERVICE_TOKEN_LIFETIME_SECONDS * 1000) / 2,
      };
    }
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${token.value}`);
    return fetch(input, { ...init, headers });
  };
}
