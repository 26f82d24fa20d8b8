import { Writable } from 'node:stream';
import { ExportResultCode } from '@opentelemetry/core';
import { SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import { createLogger } from './logger';
import { currentTraceparent, inSpan, SpanKind, startTracing, tracesEndpoint } from './tracing';

const CALLER = { traceId: 'a'.repeat(32), spanId: 'b'.repeat(16) };
const callerTraceparent = `00-${CALLER.traceId}-${CALLER.spanId}-01`;
const internal = { kind: SpanKind.INTERNAL };

/** Keeps what is exported (the SDK's in-memory exporter forgets its spans on shutdown, which flushes them). */
class KeepingExporter implements SpanExporter {
  readonly spans: ReadableSpan[] = [];
  export(spans: ReadableSpan[], done: (result: { code: ExportResultCode }) => void): void {
    this.spans.push(...spans);
    done({ code: ExportResultCode.SUCCESS });
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

describe('tracing, exported (an OTLP endpoint configured; here an in-memory exporter)', () => {
  it('nests spans, continues a carried traceparent, marks failures by code only, and names the trace in log lines', async () => {
    const exporter = new KeepingExporter();
    const tracing = startTracing('test-service', {}, exporter);
    expect(tracing.exporting).toBe(true);

    const lines: Record<string, unknown>[] = [];
    const logger = createLogger(
      { service: 'test-service' },
      new Writable({ write: (chunk: Buffer, _e, done) => done(void lines.push(JSON.parse(chunk.toString()))) }),
    );
    let innerTraceparent: string | undefined;
    await inSpan('outer', { ...internal, parent: callerTraceparent }, () =>
      inSpan('inner', internal, async () => {
        innerTraceparent = currentTraceparent();
        logger.info('inside');
      }),
    );
    const failure = Object.assign(new Error('the phone +254700000000 is not valid'), { code: 'CONTACT.INVALID' });
    await expect(inSpan('failing', internal, () => Promise.reject(failure))).rejects.toBe(failure);
    await expect(inSpan('thrown-null', internal, () => Promise.reject(null))).rejects.toBeNull(); // passed on as thrown
    await tracing.shutdown();

    const spans = new Map(exporter.spans.map((span) => [span.name, span]));
    const [outer, inner, failing] = ['outer', 'inner', 'failing'].map((name) => spans.get(name)!);
    expect(outer!.spanContext().traceId).toBe(CALLER.traceId);
    expect(outer!.parentSpanContext?.spanId).toBe(CALLER.spanId);
    expect(inner!.parentSpanContext?.spanId).toBe(outer!.spanContext().spanId);
    expect(innerTraceparent).toBe(`00-${CALLER.traceId}-${inner!.spanContext().spanId}-01`);
    expect(outer!.resource.attributes['service.name']).toBe('test-service');
    // A new trace where nothing was carried in.
    expect(failing!.spanContext().traceId).not.toBe(CALLER.traceId);
    expect(failing!.status.code).toBe(SpanStatusCode.ERROR);
    expect(failing!.attributes['error.type']).toBe('CONTACT.INVALID');
    expect(JSON.stringify([failing!.attributes, failing!.events, failing!.status])).not.toContain('+254');
    expect(spans.get('thrown-null')!.attributes['error.type']).toBe('Error');

    expect(lines[0]).toMatchObject({ msg: 'inside', traceId: CALLER.traceId, spanId: inner!.spanContext().spanId });
  });

  it('finds the endpoint: the traces URL as given, else the collector base URL + /v1/traces, else none', () => {
    expect(tracesEndpoint({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://c:4318/x', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://d' })).toBe(
      'http://c:4318/x',
    );
    expect(tracesEndpoint({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' })).toBe('http://collector:4318/v1/traces');
    expect(tracesEndpoint({})).toBeUndefined();
  });
});
