import type { z } from 'zod';
import { ERROR_CATALOGUE, isErrorCode, type ErrorCode } from './error-catalogue';

export interface FieldProblem {
  field: string;
  reason: string;
}

export interface SerializedHakiError {
  code: ErrorCode;
  message: string;
  retryable: boolean;
  fields?: FieldProblem[];
}

/**
 * A coded error (`REFERRAL.INVALID`) that keeps its meaning across process boundaries: HTTP bodies,
 * dead-letter records and logs carry `toJSON()`, and `from()` rebuilds it. Whether it is retryable
 * and which HTTP status it maps to come from the code's row in ERROR_CATALOGUE.
 */
export class HakiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly options: { fields?: FieldProblem[] } = {},
  ) {
    super(message);
    this.name = 'HakiError';
  }

  get retryable(): boolean {
    return ERROR_CATALOGUE[this.code].retryable;
  }

  get fields(): FieldProblem[] | undefined {
    return this.options.fields;
  }

  static fromZod(code: ErrorCode, error: z.ZodError): HakiError {
    const fields = error.issues.map((issue) => ({
      field: issue.path.length ? issue.path.join('.') : '(root)',
      reason: issue.message,
    }));
    const summary = fields.map((f) => `${f.field}: ${f.reason}`).join('; ');
    return new HakiError(code, summary, { fields });
  }

  /** Rebuilds a serialised error; a code this process does not know (a newer peer's) becomes INTERNAL, keeping its text. */
  static from(serialized: { code: string; message: string; fields?: FieldProblem[] }): HakiError {
    const fields = serialized.fields ? { fields: serialized.fields } : {};
    if (isErrorCode(serialized.code)) return new HakiError(serialized.code, serialized.message, fields);
    return new HakiError('INTERNAL', `${serialized.code}: ${serialized.message}`, fields);
  }

  toJSON(): SerializedHakiError {
    return {
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      ...(this.fields ? { fields: this.fields } : {}),
    };
  }
}

/**
 * The coded description of any thrown value: a HakiError as it is, a pure library's coded error
 * (MatchingCoreError, GeographyError: an Error whose `code` is in the catalogue) with its catalogue
 * row, anything else undefined (an unexpected error, handled as such by the caller).
 */
export function describeError(error: unknown): SerializedHakiError | undefined {
  if (error instanceof HakiError) return error.toJSON();
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof Error && isErrorCode(code)) {
    return { code, message: error.message, retryable: ERROR_CATALOGUE[code].retryable };
  }
  return undefined;
}
