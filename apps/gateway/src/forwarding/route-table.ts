import { HakiError } from '@haki/contracts';
import type { GatewayConfig } from '../config';

export const SERVICES = ['intake', 'matching', 'notification', 'case'] as const;
export type ServiceKey = (typeof SERVICES)[number];

/**
 * Paths reached without signing in, and the service each belongs to. Each service checks the caller
 * another way: the SMS and USSD providers' webhook secret or signature, or the signed link in the path.
 */
export const PATHS_WITHOUT_SESSION: { prefix: string; service: ServiceKey }[] = [
  { prefix: '/webhooks/', service: 'notification' },
  { prefix: '/links/', service: 'notification' },
  { prefix: '/briefs/', service: 'intake' },
  { prefix: '/ussd/', service: 'intake' },
];

export const serviceUrls = (config: GatewayConfig): Record<ServiceKey, string> => ({
  intake: config.INTAKE_URL.replace(/\/+$/, ''),
  matching: config.MATCHING_URL.replace(/\/+$/, ''),
  notification: config.NOTIFICATION_URL.replace(/\/+$/, ''),
  case: config.CASE_URL.replace(/\/+$/, ''),
});

/**
 * Where a request goes: `/api/<service>/<path>` to that service's `/<path>` (signed-in callers), and
 * the paths above unchanged (so a provider's signature over the public URL still holds). A path with
 * `.` or `..` segments, raw or percent-encoded, is refused rather than resolved.
 */
export function upstreamPathOf(originalUrl: string): { service: ServiceKey; path: string; signedIn: boolean } {
  const [path, query] = splitQuery(originalUrl);
  const segments = path.split('/');
  if (segments.some((segment) => /^(\.|%2e){1,2}$/i.test(segment)) || /%2f|%5c|\\/i.test(path)) {
    throw new HakiError('HTTP.NOT_FOUND', 'no such path');
  }
  const api = /^\/api\/([a-z]+)(\/.*)?$/.exec(path);
  if (api) {
    const service = api[1] as ServiceKey;
    if (!SERVICES.includes(service)) throw new HakiError('HTTP.NOT_FOUND', `no service "${api[1]}"; one of ${SERVICES.join(', ')}`);
    return { service, path: `${api[2] ?? '/'}${query}`, signedIn: true };
  }
  const open = PATHS_WITHOUT_SESSION.find((route) => path.startsWith(route.prefix));
  if (!open) throw new HakiError('HTTP.NOT_FOUND', 'no such path');
  return { service: open.service, path: `${path}${query}`, signedIn: false };
}

function splitQuery(url: string): [string, string] {
  const at = url.indexOf('?');
  return at === -1 ? [url, ''] : [url.slice(0, at), url.slice(at)];
}
