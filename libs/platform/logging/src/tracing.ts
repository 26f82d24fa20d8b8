import {
  context,
  isSpanContextValid,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Span,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider, type SpanExporter } from '@opentelemetry/sdk-trace';

/**
 * OpenTelemetry tracing across HTTP → Kafka → BullMQ → provider calls, with W3C trace context
 * (`traceparent`). The context always passes through (an incoming `traceparent` goes on with each
 * event, job and forwarded request), but spans are recorded and exported over OTLP only when an
 * endpoint is configured: off by default. The correlation id stays the key of the logs; a log line
 * written inside a recorded span also names its trace.
 */
export { SpanKind };
export const TRACEPARENT_HEADER = 'traceparent';

/** Where spans go: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT (the full URL), else OTEL_EXPORTER_OTLP_ENDPOINT + /v1/traces. */
export interface TracingConfig {
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string | undefined;
  OTEL_EXPORTER_OTLP_ENDPOINT?: string | undefined;
}

export interface Tracing {
  /** Whether spans are recorded and exported (an OTLP endpoint is configured). */
  readonly exporting: boolean;
  /** Sends the spans still buffered; called on shutdown. */
  shutdown(): Promise<void>;
}

let contextReady = false;

/** Propagation works without an exporter: the context manager and W3C propagator are always set, once per process. */
function registerContextPropagation(): void {
  if (contextReady) return;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  contextReady = true;
}

export function tracesEndpoint(config: TracingConfig): string | undefined {
  if (config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  if (config.OTEL_EXPORTER_OTLP_ENDPOINT) return `${config.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`;
  return undefined;
}

/**
 * Sets tracing up for one process. With an endpoint (or an exporter, in tests) spans are batched and
 * exported under `service.name` = the service; without, only the context passes through.
 */
export function startTracing(service: string, config: TracingConfig, exporter?: SpanExporter): Tracing {
  registerContextPropagation();
  const url = tracesEndpoint(config);
  const spanExporter = exporter ?? (url ? new OTLPTraceExporter({ url }) : undefined);
  if (!spanExporter) return { exporting: false, shutdown: () => Promise.resolve() };
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': service }),
    spanProcessors: [new BatchSpanProcessor({ exporter: spanExporter, scheduledDelayMillis: 1_000 })],
  });
  trace.setGlobalTracerProvider(provider);
  return { exporting: true, shutdown: () => provider.shutdown() };
}

const tracer = () => trace.getTracer('haki');

/** The context a carried `traceparent` names (an event header, a job's data, a request header), or the active one. */
function parentContext(traceparent: string | undefined) {
  return traceparent ? propagation.extract(ROOT_CONTEXT, { [TRACEPARENT_HEADER]: traceparent }) : context.active();
}

/**
 * Runs `work` in a new span, child of `parent` (a carried traceparent) or of the active span. A thrown
 * error marks the span failed with the error's class or code only: messages may name what a user sent.
 */
export function inSpan<T>(
  name: string,
  options: { kind: SpanKind; attributes?: Attributes; parent?: string | undefined },
  work: (span: Span) => Promise<T>,
): Promise<T> {
  return tracer().startActiveSpan(
    name,
    { kind: options.kind, attributes: options.attributes ?? {} },
    parentContext(options.parent),
    async (span) => {
      try {
        return await work(span);
      } catch (error) {
        markFailed(span, error);
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/** Marks a span failed, typed by the error's code or class only (a message may quote what someone sent). */
export function markFailed(span: Span, error: unknown): void {
  const { code, name } = (error ?? {}) as { code?: unknown; name?: unknown };
  span.setStatus({ code: SpanStatusCode.ERROR });
  span.setAttribute('error.type', typeof code === 'string' ? code : typeof name === 'string' ? name : 'Error');
}

/**
 * A span that ends later (an HTTP request ends when its answer is sent): `run` runs work inside it;
 * `end` takes the final name and attributes known only then (the matched route, the status).
 */
export function startSpan(
  name: string,
  options: {
    kind: SpanKind;
    attributes?: Attributes;
    parent?: string | undefined;
    /** A context not trusted as parent (a public caller's): the span starts a new trace and links to it. */
    link?: string | undefined;
  },
): { run(work: () => void): void; end(update: { name?: string; attributes?: Attributes; failed?: boolean }): void } {
  const parent = options.link !== undefined ? ROOT_CONTEXT : parentContext(options.parent);
  const linked = options.link && trace.getSpanContext(propagation.extract(ROOT_CONTEXT, { [TRACEPARENT_HEADER]: options.link }));
  const links = linked && isSpanContextValid(linked) ? [{ context: linked }] : [];
  const span = tracer().startSpan(name, { kind: options.kind, attributes: options.attributes ?? {}, links }, parent);
  return {
    run: (work) => context.with(trace.setSpan(parent, span), work),
    end: ({ name: finalName, attributes, failed }) => {
      if (finalName) span.updateName(finalName);
      if (attributes) span.setAttributes(attributes);
      if (failed) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    },
  };
}

/** The active span's W3C traceparent, to carry on with an event, a job or a request; undefined when there is none. */
export function currentTraceparent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier[TRACEPARENT_HEADER];
}

/** `{ traceparent }` when there is an active trace, else nothing: spread into a job's data. */
export const traceparentField = (): { traceparent?: string } => {
  const traceparent = currentTraceparent();
  return traceparent ? { traceparent } : {};
};

/** The trace and span ids of the active recorded span, for log lines. */
export function activeTraceIds(): { traceId: string; spanId: string } | undefined {
  const span = trace.getSpan(context.active());
  if (!span?.isRecording()) return undefined;
  const spanContext = span.spanContext();
  return isSpanContextValid(spanContext) ? { traceId: spanContext.traceId, spanId: spanContext.spanId } : undefined;
}
