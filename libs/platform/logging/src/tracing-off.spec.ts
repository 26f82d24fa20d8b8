import { currentTraceparent, inSpan, SpanKind, startTracing, traceparentField } from './tracing';

// Its own file: the tracer provider is registered once per process (jest: per file), and here none is.
describe('tracing, off (the default: no OTLP endpoint)', () => {
  it('records nothing and invents no trace, but passes a caller’s trace context on unchanged', async () => {
    expect(startTracing('test-service', {}).exporting).toBe(false);
    const internal = { kind: SpanKind.INTERNAL };
    await inSpan('untraced', internal, async (span) => {
      expect(span.isRecording()).toBe(false);
      expect(currentTraceparent()).toBeUndefined();
      expect(traceparentField()).toEqual({});
    });
    const carried = `00-${'c'.repeat(32)}-${'d'.repeat(16)}-01`;
    await inSpan('passing-through', { ...internal, parent: carried }, async () => {
      expect(traceparentField()).toEqual({ traceparent: carried });
    });
  });
});
