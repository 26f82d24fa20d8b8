import type { z } from 'zod';

export interface FieldProblem {
  field: string;
  reason: string;
}

export interface SerializedHakiError {
  code: string;
  message: string;
  retryable: boolean;
  fields?: FieldProblem[];
}

/**
 * A coded error (`REFERRAL.INVALID_LOCATION`) that keeps its meaning across process boundaries:
 * HTTP bodies, dead-letter records and logs carry `toJSON()`, and `from()` rebuilds it.
 * `retryable` tells consumers and job workers whether trying again can ever succeed.
 */
export class HakiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly options: { retryable?: boolean; fields?: FieldProblem[] } = {},
  ) {
    super(message);
    this.name = 'HakiError';
  }

  get retryable(): boolean {
    return this.options.retryable ?? false;
  }

  get fields(): FieldProblem[] | undefined {
    return this.options.fields;
  }

  static fromZod(code: string, error: z.ZodError): HakiError {
    const fields = error.issues.map((issue) => ({
      field: issue.path.length ? issue.path.join('.') : '(root)',
      reason: issue.message,
    }));
    const summary = fields.map((f) => `${f.field}: ${f.reason}`).join('; ');
    return new HakiError(code, summary, { fields });
  }

  static from(serialized: SerializedHakiError): HakiError {
    return new HakiError(serialized.code, serialized.message, {
      retryable: serialized.retryable,
      ...(serialized.fields ? { fields: serialized.fields } : {}),
    });
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
