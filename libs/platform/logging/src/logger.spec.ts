import { Writable } from 'node:stream';
import { correlationIdOrNew, currentCorrelationId, withCorrelationId } from './correlation';
import { createLogger } from './logger';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { lines, logger: createLogger({ service: 'test-service', level: 'info' }, stream) };
}

describe('logger', () => {
  it('redacts PII and secrets wherever they appear in the logged object', () => {
    const { lines, logger } = capture();
    logger.info({ referral: { subject: { name: 'Jane Wanjiru' }, county: 'Turkana' }, phone: '+254700000000', token: 'abc' }, 'submitted');
    const line = JSON.stringify(lines[0]);
    expect(line).not.toContain('Jane Wanjiru');
    expect(line).not.toContain('+254700000000');
    expect(line).not.toContain('abc');
    expect(line).toContain('Turkana');
    expect(lines[0]).toMatchObject({ service: 'test-service', msg: 'submitted' });
  });

  it('stamps the current correlation id on every line inside a unit of work', async () => {
    const { lines, logger } = capture();
    await withCorrelationId('corr-42', async () => {
      await Promise.resolve();
      logger.info('inside');
    });
    logger.info('outside');
    expect(lines[0]).toMatchObject({ correlationId: 'corr-42', msg: 'inside' });
    expect(lines[1]).not.toHaveProperty('correlationId');
  });
});

describe('correlation ids', () => {
  it.each([['x'.repeat(101)], ['line\nbreak'], ['{"json":1}'], ['']])(
    "replaces a caller's unacceptable id (%j) with a fresh one",
    (given) => {
      withCorrelationId(given, () => expect(currentCorrelationId()).toMatch(/^[0-9a-f-]{36}$/));
    },
  );

  it("keeps a caller's well-formed id", () => {
    withCorrelationId('ops-ui:4f2a.9', () => expect(currentCorrelationId()).toBe('ops-ui:4f2a.9'));
  });

  it('creates one when the caller brings none, and keeps nested work on it', () => {
    withCorrelationId(undefined, () => {
      const id = currentCorrelationId();
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(correlationIdOrNew()).toBe(id);
    });
    expect(currentCorrelationId()).toBeUndefined();
  });
});
