/**
 * What an HTTP log line says about a request and its answer. Paths carry credentials in places (a
 * signed link's token, an SMS provider's secret path) and query strings carry whatever a client sent,
 * so the path is logged with those segments masked and without its query; of the answer, only the
 * status (its headers include the session cookie being set).
 */
const CREDENTIAL_AFTER = new Set(['links', 'briefs', 'africastalking']);

export function loggablePath(url: string | undefined): string {
  const segments = String(url ?? '')
    .split('?')[0]!
    .split('/');
  return segments.map((segment, i) => (i > 0 && CREDENTIAL_AFTER.has(segments[i - 1]!) ? '<credential>' : segment)).join('/');
}

export const httpLogSerializers = {
  req: (req: { id?: unknown; method?: string; url?: string }) => ({ id: req.id, method: req.method, path: loggablePath(req.url) }),
  res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
};
