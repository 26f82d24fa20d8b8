import type { z } from 'zod';
import { HakiError, type ErrorCode } from '@haki/contracts';

/**
 * The gateway's own routes take JSON only. Anything else reaches them as the raw bytes meant for
 * forwarding (main.ts), and is refused with 415 instead of a confusing list of missing fields.
 */
export function jsonBody(body: unknown): unknown {
  if (Buffer.isBuffer(body)) throw new HakiError('HTTP.UNSUPPORTED_MEDIA_TYPE', 'send JSON (content-type: application/json)');
  return body ?? {};
}

/** The JSON body checked against `schema`; `code` (a 400) names each wrong field. */
export function parseJsonBody<T>(schema: z.ZodType<T>, body: unknown, code: ErrorCode): T {
  const result = schema.safeParse(jsonBody(body));
  if (!result.success) throw HakiError.fromZod(code, result.error);
  return result.data;
}
