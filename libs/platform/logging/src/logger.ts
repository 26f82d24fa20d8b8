import pino, { type Logger, type LoggerOptions } from 'pino';
import { currentCorrelationId } from './correlation';
import { activeTraceIds } from './tracing';

/**
 * Field names that may hold survivor, witness or professional PII, or secrets. Redaction is the last
 * line of defence: code should not log these at all, but if an object slips through, they print as
 * [REDACTED]. Paths cover the field at the top level and one or two levels down.
 */
export const REDACTED_FIELDS = [
  'name',
  'fullName',
  'firstName',
  'lastName',
  'phone',
  'phoneNumber',
  'msisdn',
  'email',
  'address',
  'nationalId',
  'dateOfBirth',
  'narrative',
  'subject',
  'referrer',
  'survivor',
  'contact',
  'to',
  'body',
  'text',
  'location',
  'lat',
  'lon',
  'town',
  'implicatedAgency',
  'organisation',
  'password',
  'token',
  'secret',
  'apiKey',
  'authorization',
  'cookie',
  'encryptionKey',
];

const redactPaths = REDACTED_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]).concat([
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'req.body',
]);

export function createLogger(options: { service: string; level?: string }, destination?: pino.DestinationStream): Logger {
  const config: LoggerOptions = {
    level: options.level ?? 'info',
    base: { service: options.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: redactPaths, censor: '[REDACTED]' },
    mixin: () => {
      const correlationId = currentCorrelationId();
      return { ...(correlationId ? { correlationId } : {}), ...activeTraceIds() };
    },
  };
  return destination ? pino(config, destination) : pino(config);
}

export type { Logger } from 'pino';
