import { ERROR_CATALOGUE, httpErrorCodeFor, httpStatusOf } from './error-catalogue';
import { HakiError, describeError } from './errors';

describe('error catalogue', () => {
  it('maps codes to HTTP statuses by table, not by spelling', () => {
    expect(httpStatusOf('REFERRAL.INVALID')).toBe(400);
    expect(httpStatusOf('REFERRAL.IDEMPOTENCY_CONFLICT')).toBe(409);
    expect(httpStatusOf('CASE.NOT_FOUND')).toBe(404);
    expect(httpStatusOf('NOTIFICATION.NOT_FOUND')).toBe(500); // a job's missing record is our fault, not the caller's
    expect(httpStatusOf('SEALED.UNKNOWN_KEY')).toBe(500);
  });

  it("names the HTTP stack's own 4xx, and reads an unlisted one as a bad request", () => {
    expect(httpErrorCodeFor(413)).toBe('HTTP.PAYLOAD_TOO_LARGE');
    expect(httpErrorCodeFor(415)).toBe('HTTP.UNSUPPORTED_MEDIA_TYPE');
    expect(httpErrorCodeFor(404)).toBe('HTTP.NOT_FOUND');
    expect(httpErrorCodeFor(418)).toBe('HTTP.BAD_REQUEST');
  });

  it('takes retryability from the code', () => {
    expect(new HakiError('HEALTH.CHECK_FAILED', 'redis down').retryable).toBe(true);
    expect(new HakiError('REFERRAL.INVALID', 'bad').retryable).toBe(false);
    expect(
      Object.values(ERROR_CATALOGUE)
        .filter((entry) => entry.retryable)
        .every((entry) => entry.status >= 500),
    ).toBe(true);
  });

  it("describes a pure library's coded error by its catalogue row, and nothing for an uncoded one", () => {
    const fromMatchingCore = Object.assign(new Error('MATCHING.DUPLICATE_ROLE: role clinician is listed twice'), {
      code: 'MATCHING.DUPLICATE_ROLE',
    });
    expect(describeError(fromMatchingCore)).toEqual({
      code: 'MATCHING.DUPLICATE_ROLE',
      message: fromMatchingCore.message,
      retryable: false,
    });
    expect(describeError(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))).toBeUndefined();
    expect(describeError(new Error('boom'))).toBeUndefined();
  });

  it('rebuilds a code it does not know as INTERNAL, keeping the original code in the text', () => {
    const rebuilt = HakiError.from({ code: 'FUTURE.THING', message: 'from a newer peer' });
    expect(rebuilt.code).toBe('INTERNAL');
    expect(rebuilt.message).toBe('FUTURE.THING: from a newer peer');
  });
});
