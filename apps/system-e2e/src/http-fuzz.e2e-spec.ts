import fc from 'fast-check';
import { HakiSystem, SERVICE_NAMES, turkanaPostmortem } from './haki-system';

/**
 * Generated and mutated requests against the public endpoints (fast-check): valid referrals with one
 * field replaced by anything or removed, arbitrary JSON, raw bytes, deep nesting, odd headers. No
 * request may get a 5xx, no service may exit, and a refused referral must store nothing.
 */
describe('HTTP fuzz', () => {
  const system = new HakiSystem();
  let sent = 0;

  beforeAll(async () => {
    await Promise.all(SERVICE_NAMES.map((service) => system.start(service)));
  });

  afterAll(async () => {
    process.stdout.write(`http fuzz: ${sent} requests sent\n`);
    await system.stop();
  });

  const post = async (url: string, body: string | Buffer, headers: Record<string, string> = { 'content-type': 'application/json' }) => {
    sent++;
    return system.fetch(url, { method: 'POST', headers, body });
  };

  const fields = Object.keys(turkanaPostmortem());
  const mutatedReferral = fc.oneof(
    fc
      .record({ field: fc.constantFrom(...fields), value: fc.anything() })
      .map(({ field, value }) => ({ ...turkanaPostmortem(), [field]: value })),
    fc.constantFrom(...fields).map((field) => Object.fromEntries(Object.entries(turkanaPostmortem()).filter(([key]) => key !== field))),
    fc.record({ path: fc.constantFrom('subject', 'referrer'), key: fc.string(), value: fc.jsonValue() }).map(({ path, key, value }) => ({
      ...turkanaPostmortem(),
      [path]: { ...(turkanaPostmortem()[path] as object), [key]: value },
    })),
    fc.jsonValue(),
  );

  it('never answers a referral with a 5xx, and stores nothing it refuses', async () => {
    const referrals = (await system.db('intake-service')).collection('referrals');
    const url = `${system.url('intake-service')}/referrals`;
    await fc.assert(
      fc.asyncProperty(mutatedReferral, async (body) => {
        const before = await referrals.countDocuments();
        const response = await post(url, JSON.stringify(body));
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) expect(await referrals.countDocuments()).toBe(before);
      }),
      { numRuns: 300 },
    );
  });

  it('never answers raw bytes, deep nesting, odd content types or huge headers with a 5xx', async () => {
    const url = `${system.url('intake-service')}/referrals`;
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 2000 }),
        fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', ''),
        async (bytes, type) => {
          const response = await post(url, Buffer.from(bytes), type ? { 'content-type': type } : {});
          expect(response.status).toBeLessThan(500);
        },
      ),
      { numRuns: 150 },
    );
    let deep = '1';
    for (let depth = 0; depth < 10_000; depth++) deep = `{"a":${deep}}`;
    expect((await post(url, `{"subject":${deep}}`)).status).toBe(400);
    const huge = await system.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-correlation-id': 'x'.repeat(15_000) },
      body: '{}',
    });
    sent++;
    expect(huge.status).toBeLessThan(500);
  });

  it('never answers fuzzed offer answers, case ids, webhooks or link tokens with a 5xx', async () => {
    const targets = [
      (id: string, body: string) => post(`${system.url('matching-service')}/offers/${encodeURIComponent(id)}/responses`, body),
      (id: string) => (sent++, system.fetch(`${system.url('case-service')}/cases/${encodeURIComponent(id)}`)),
      (id: string, body: string) =>
        post(`${system.url('notification-service')}/links/${encodeURIComponent(id)}`, body, {
          'content-type': 'application/x-www-form-urlencoded',
        }),
      (id: string, body: string) =>
        post(`${system.url('notification-service')}/webhooks/africastalking/${encodeURIComponent(id)}/inbound`, body, {
          'content-type': 'application/x-www-form-urlencoded',
        }),
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: targets.length - 1 }),
        fc.string({ minLength: 1, maxLength: 300 }),
        fc.string({ maxLength: 500 }),
        async (target, id, body) => {
          const response = await targets[target]!(id, body);
          expect(response.status).toBeLessThan(500);
        },
      ),
      { numRuns: 200 },
    );
    for (const service of SERVICE_NAMES) expect((await system.fetch(`${system.url(service)}/health/live`)).status).toBe(200);
  });

  it('never answers a 5xx at the gateway: sign-in bodies, paths, cookies and CSRF tokens of any shape', async () => {
    const gateway = await system.startGateway(
      [{ username: 'fuzz.intake', password: 'fuzz-intake-password', roles: ['intake'], organisationId: 'org-fuzz' }],
      {
        RATE_LIMIT_PER_MINUTE: '100000',
      },
    );
    const signedIn = await fetch(`${gateway.url}/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'fuzz.intake', password: 'fuzz-intake-password' }),
    });
    const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = (await signedIn.json()) as { csrfToken: string };
    const signInBody = fc.oneof(
      fc
        .record({ username: fc.anything(), password: fc.anything(), totp: fc.anything() }, { requiredKeys: [] })
        .map((b) => JSON.stringify(b)),
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc.string({ maxLength: 3000 }),
    );
    const path = fc.oneof(
      fc.constantFrom('/api/intake/referrals', '/api/case/cases/', '/api/matching/referrals/attention', '/auth/session', '/auth/sign-out'),
      fc.webPath(),
      fc
        .tuple(fc.constantFrom('/api/', '/links/', '/briefs/', '/webhooks/', '/auth/'), fc.string({ maxLength: 200 }))
        .map(([a, b]) => a + encodeURIComponent(b)),
    );
    await fc.assert(
      fc.asyncProperty(
        signInBody,
        path,
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
        fc.oneof(
          fc.constant(cookie),
          fc.string({ maxLength: 300 }).map((value) => `haki_session=${value}`),
          fc.constant(''),
        ),
        fc.oneof(fc.constant(csrfToken), fc.string({ maxLength: 100 })),
        async (body, target, method, sessionCookie, csrf) => {
          sent += 2;
          const signIn = await fetch(`${gateway.url}/auth/sign-in`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body,
          });
          expect(signIn.status).toBeLessThan(500);
          const headers: Record<string, string> = { 'content-type': 'application/json', 'x-csrf-token': csrf };
          if (sessionCookie) headers['cookie'] = sessionCookie;
          const response = await fetch(`${gateway.url}${target}`, { method, headers, ...(method === 'GET' ? {} : { body: '{}' }) }).catch(
            (error: Error) => ({ status: error.message.includes('Invalid URL') ? 400 : 0 }),
          );
          expect(response.status).toBeGreaterThan(0);
          expect(response.status).toBeLessThan(500);
        },
      ),
      { numRuns: 300 },
    );
    expect((await fetch(`${gateway.url}/health/live`)).status).toBe(200);
  });
});
