/**
 * Every call the app makes goes to the gateway on this origin: `/auth/…` for the session, and
 * `/api/<service>/…` for the rest. The session is an httpOnly cookie the app never sees; changes carry
 * the session's CSRF token, which the gateway checks.
 */
export interface FieldProblem {
  field: string;
  reason: string;
}

/** A refusal as the services word it: a code, a sentence, and the fields at fault. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
  }
}

/** No answer at all (offline, or the gateway unreachable): what the offline outbox waits out. */
export class OfflineError extends Error {}

let csrfToken: string | undefined;
export const useCsrfToken = (token: string | undefined) => {
  csrfToken = token;
};

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** A body sent as it is (a CSV file), with its media type, instead of JSON. */
  raw?: { body: string | Blob; contentType: string };
  headers?: Record<string, string>;
}

export async function api<T>(path: string, { method = 'GET', body, raw, headers = {} }: RequestOptions = {}): Promise<T> {
  const sent: Record<string, string> = { accept: 'application/json', ...headers };
  if (body !== undefined) sent['content-type'] = 'application/json';
  if (raw) sent['content-type'] = raw.contentType;
  const payload = raw ? raw.body : body !== undefined ? JSON.stringify(body) : undefined;
  if (method !== 'GET' && csrfToken) sent['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: sent,
      credentials: 'same-origin',
      cache: 'no-store', // nothing from the API is kept in the browser's cache
      ...(payload !== undefined ? { body: payload } : {}),
    });
  } catch {
    throw new OfflineError('no connection');
  }
  const text = await response.text();
  const parsed = text ? (JSON.parse(text) as unknown) : undefined;
  if (!response.ok) {
    const error = (parsed as { error?: { code?: string; message?: string; fields?: FieldProblem[] } } | undefined)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? `HTTP_${response.status}`,
      error?.message ?? response.statusText,
      error?.fields ?? [],
    );
  }
  return parsed as T;
}
