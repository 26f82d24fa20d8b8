import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { eventually, freePort, type RunningService } from '@haki/testing';
import { HakiSystem, SERVICE_NAMES, turkanaPostmortem } from './haki-system';

/** One span as OTLP/HTTP JSON carries it, with the service that sent it. */
interface ReceivedSpan {
  service: string;
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  links?: { traceId: string; spanId: string }[];
}

interface OtlpExport {
  resourceSpans: {
    resource: { attributes: { key: string; value: { stringValue?: string } }[] };
    scopeSpans: { spans: Omit<ReceivedSpan, 'service'>[] }[];
  }[];
}

/** A stand-in OpenTelemetry collector: takes OTLP/HTTP JSON exports on /v1/traces and keeps the spans. */
async function startCollector(): Promise<{ endpoint: string; spans: ReceivedSpan[]; server: Server }> {
  const spans: ReceivedSpan[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/traces') return void res.writeHead(404).end();
      const body = JSON.parse(Buffer.concat(chunks).toString()) as OtlpExport;
      for (const { resource, scopeSpans } of body.resourceSpans) {
        const service = resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? '?';
        for (const { spans: batch } of scopeSpans) for (const span of batch) spans.push({ ...span, service });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { endpoint: `http://127.0.0.1:${port}`, spans, server };
}

describe('tracing: one trace from the gateway to the SMS provider', () => {
  const system = new HakiSystem();
  let gateway: RunningService;
  let collector: Awaited<ReturnType<typeof startCollector>>;
  const ACCOUNTS = [{ username: 'lodwar.intake', password: 'lodwar-parish-2026', roles: ['intake'], organisationId: 'org-lodwar-parish' }];

  beforeAll(async () => {
    collector = await startCollector();
    const otel = { OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint };
    await Promise.all(SERVICE_NAMES.map((service) => system.start(service, otel)));
    gateway = await system.startGateway(ACCOUNTS, otel);
  });
  afterAll(async () => {
    await gateway?.stop();
    await system.stop();
    collector?.server.close();
  });

  it('follows a referral through HTTP, Kafka, the send queue and the provider call; a public caller’s context is only linked', async () => {
    const signIn = await fetch(`${gateway.url}/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'lodwar.intake', password: 'lodwar-parish-2026' }),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };

    const traceId = randomBytes(16).toString('hex');
    const callerSpanId = randomBytes(8).toString('hex');
    const submitted = await fetch(`${gateway.url}/api/intake/referrals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken, traceparent: `00-${traceId}-${callerSpanId}-01` },
      body: JSON.stringify(turkanaPostmortem()),
    });
    expect(submitted.status).toBe(201);

    // The gateway does not let a public caller choose the trace: it starts one, linked to the caller's.
    // The SMS of the first offer is sent at the end of that trace; walk from its span back to the gateway.
    const chain = await eventually(
      async () => {
        const root = collector.spans.find((span) => span.links?.some((link) => link.spanId === callerSpanId));
        expect(root).toMatchObject({ service: 'gateway', links: [{ traceId, spanId: callerSpanId }] });
        expect(root!.traceId).not.toBe(traceId);
        expect(root!.parentSpanId ?? '').toBe('');
        const trace = collector.spans.filter((span) => span.traceId === root!.traceId);
        const send = trace.find((span) => span.name === 'sms send via recording');
        expect(send).toBeDefined();
        const byId = new Map(trace.map((span) => [span.spanId, span]));
        const path: ReceivedSpan[] = [];
        for (let span: ReceivedSpan | undefined = send; span; span = span.parentSpanId ? byId.get(span.parentSpanId) : undefined)
          path.push(span);
        expect(path.at(-1)).toBe(root);
        return { root: root!, path: path.map((span) => [span.service, span.name]) };
      },
      { timeoutMs: 30_000 },
    );
    expect(chain.path).toEqual([
      ['notification-service', 'sms send via recording'],
      ['notification-service', expect.stringMatching(/ job$/)],
      ['notification-service', 'assignment.offered.v1 process'],
      ['matching-service', 'referral.submitted.v1 process'],
      ['intake-service', 'POST /referrals'],
      ['gateway', expect.stringMatching(/^POST /)],
    ]);
    // The case service's copy of the referral belongs to the same trace.
    expect(
      collector.spans.some(
        (s) => s.traceId === chain.root.traceId && s.service === 'case-service' && s.name === 'referral.submitted.v1 process',
      ),
    ).toBe(true);
    // Span names are route patterns and topics: no referral id, no path with an id in it.
    const { referralId } = (await submitted.json()) as { referralId: string };
    expect(JSON.stringify(collector.spans)).not.toContain(referralId);
  });
});
