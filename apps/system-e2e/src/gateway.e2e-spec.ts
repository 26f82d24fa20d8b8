import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { generateSecret, generateSync } from 'otplib';
import { eventually, freePort, testInfraUrls, type RunningService } from '@haki/testing';
import { HakiSystem, turkanaPostmortem } from './haki-system';

const OPS_SECRET = generateSecret();
const ADMIN_SECRET = generateSecret();
const lastCodeWindow = new Map<string, number>();

/** An account's code for a 30 s window no sign-in has used yet (a used code is refused): waits for the next window if need be. */
async function freshCode(secret: string): Promise<string> {
  const window = () => Math.floor(Date.now() / 30_000);
  if (window() === lastCodeWindow.get(secret)) await new Promise((resolve) => setTimeout(resolve, 30_000 - (Date.now() % 30_000) + 200));
  lastCodeWindow.set(secret, window());
  return generateSync({ secret });
}
const freshOpsCode = () => freshCode(OPS_SECRET);
const ACCOUNTS = [
  { username: 'lodwar.intake', password: 'lodwar-parish-2026', roles: ['intake'], organisationId: 'org-lodwar-parish' },
  { username: 'mandera.intake', password: 'mandera-ngo-2026!', roles: ['intake'], organisationId: 'org-mandera-ngo' },
  { username: 'ops.one', password: 'ops-one-password', roles: ['ops'], totpSecret: OPS_SECRET },
  { username: 'auditor.one', password: 'auditor-one-password', roles: ['auditor'] },
  { username: 'admin.one', password: 'admin-one-password', roles: ['admin'], totpSecret: ADMIN_SECRET },
  { username: 'other.volunteer', password: 'other-volunteer-password', roles: ['professional'], professionalId: 'pro-msa-path-9' },
];

const IDP_CLIENT_SECRET = randomBytes(18).toString('hex');

/** The test identity provider (fixtures/identity-provider.mjs, `oidc-provider`) on a free port, with its users. */
async function startIdentityProvider(redirectUri: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const users = {
    'idp-lodwar': { preferred_username: 'lodwar.intake' },
    // Calls themselves lodwar.intake at the provider, but no admin linked them: a name proves nothing.
    'idp-stranger': { preferred_username: 'lodwar.intake' },
    'idp-ops-one-factor': { preferred_username: 'ops.one', amr: ['otp'] },
    'idp-ops-two-factors': { preferred_username: 'ops.one', amr: ['pwd', 'otp', 'mfa'] },
  };
  const child = spawn(process.execPath, [join(__dirname, 'fixtures', 'identity-provider.mjs')], {
    env: {
      ...process.env,
      PORT: String(port),
      IDP_USERS: JSON.stringify(users),
      IDP_CLIENT: JSON.stringify({ client_id: 'haki-gateway', client_secret: IDP_CLIENT_SECRET, redirect_uris: [redirectUri] }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  await eventually(async () => {
    if (child.exitCode !== null) throw new Error(`identity provider exited:\n${output}`);
    expect(output).toContain(`identity provider on ${port}`);
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

interface Session {
  cookie: string;
  csrfToken: string;
  setCookie: string;
}

describe('the gateway: the only way in', () => {
  const system = new HakiSystem();
  let gateway: RunningService;
  let metricsPort: number;
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${gateway.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const signIn = async (username: string, password: string, totp?: string): Promise<Session> => {
    const response = await post('/auth/sign-in', { username, password, ...(totp ? { totp } : {}) });
    expect(response.status).toBe(200);
    const setCookie = response.headers.get('set-cookie')!;
    return { cookie: setCookie.split(';')[0]!, csrfToken: ((await response.json()) as { csrfToken: string }).csrfToken, setCookie };
  };
  const as = (session: Session, withCsrf = true) => ({
    cookie: session.cookie,
    ...(withCsrf ? { 'x-csrf-token': session.csrfToken } : {}),
  });

  beforeAll(async () => {
    await Promise.all(['intake-service', 'matching-service', 'notification-service', 'case-service'].map((s) => system.start(s as never)));
    metricsPort = await freePort();
    gateway = await system.startGateway(ACCOUNTS, { METRICS_PORT: String(metricsPort) });
  });
  afterAll(async () => {
    await gateway?.stop();
    await system.stop();
  });

  it('signs people in, forwards with their roles, and keeps each organisation to its own cases', async () => {
    const lodwar = await signIn('Lodwar.Intake', 'lodwar-parish-2026');
    expect(lodwar.setCookie).toMatch(/HttpOnly/);
    expect(lodwar.setCookie).toMatch(/SameSite=Strict/);

    const withoutCsrf = await post('/api/intake/referrals', turkanaPostmortem(), as(lodwar, false));
    expect(withoutCsrf.status).toBe(403);
    expect(((await withoutCsrf.json()) as { error: { code: string } }).error.code).toBe('AUTH.CSRF');

    const submitted = await post('/api/intake/referrals', turkanaPostmortem(), as(lodwar));
    expect(submitted.status).toBe(201);
    const { referralId } = (await submitted.json()) as { referralId: string };

    const ownView = await eventually(async () => {
      const response = await fetch(`${gateway.url}/api/case/cases/${referralId}`, { headers: as(lodwar) });
      expect(response.status).toBe(200);
      const view = (await response.json()) as { matchingStatus: string; roles: Record<string, unknown>[]; timeline?: unknown };
      expect(view.matchingStatus).toBe('offered');
      return view;
    });
    // Intake sees where its case stands, not who was offered it or where they live.
    expect(ownView.timeline).toBeUndefined();
    for (const role of ownView.roles) expect(role['offers']).toBeUndefined();

    // Its metrics count requests by route pattern, on their own port: not a path of the public one.
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(metrics).toMatch(/^haki_http_requests_total\{method="POST",route="\/auth\/sign-in",status="200",service="gateway"} \d+$/m);
    expect(metrics).not.toContain(referralId);
    expect((await fetch(`${gateway.url}/metrics`)).status).not.toBe(200);

    const mandera = await signIn('mandera.intake', 'mandera-ngo-2026!');
    expect((await fetch(`${gateway.url}/api/case/cases/${referralId}`, { headers: as(mandera) })).status).toBe(404);
    expect((await fetch(`${gateway.url}/api/matching/referrals/attention`, { headers: as(mandera) })).status).toBe(403);

    const ops = await signIn('ops.one', 'ops-one-password', await freshOpsCode());
    const full = (await (await fetch(`${gateway.url}/api/case/cases/${referralId}`, { headers: as(ops) })).json()) as {
      roles: { offers: { offerId: string; explanation?: string }[] }[];
    };
    const offer = full.roles[0]!.offers[0]!;
    expect(offer.explanation).toBeDefined();
    const answered = await post(`/api/matching/offers/${offer.offerId}/responses`, { response: 'accept' }, as(ops));
    expect(answered.status).toBe(202);
    // A volunteer the offer was not made to is refused before learning anything about its state.
    const stranger = await signIn('other.volunteer', 'other-volunteer-password');
    const meddling = await post(`/api/matching/offers/${offer.offerId}/responses`, { response: 'decline' }, as(stranger));
    expect(meddling.status).toBe(403);
    await eventually(async () => {
      const view = await system.getCase(referralId);
      // Recorded as the signed-in account, whatever the client might have typed.
      expect(view.timeline.map((entry) => entry.summary).join('\n')).toMatch(/recorded by ops\.one \(ops-phone\)/);
    });

    // Every read of the case is on the audit log, and the auditor finds it intact.
    const auditor = await signIn('auditor.one', 'auditor-one-password');
    const { items } = (await (await fetch(`${gateway.url}/api/case/audit-log?limit=500`, { headers: as(auditor) })).json()) as {
      items: { actor: string; action: string; target: Record<string, string>; outcome: string }[];
    };
    const reads = items.filter((entry) => entry.action === 'GET /cases/:id' && entry.target['id'] === referralId);
    expect(reads.map((entry) => `${entry.actor} ${entry.outcome}`)).toEqual(
      expect.arrayContaining(['lodwar.intake ok', 'mandera.intake 404 CASE.NOT_FOUND', 'ops.one ok']),
    );
    const verification = await fetch(`${gateway.url}/api/case/audit-log/verification`, { headers: as(auditor) });
    expect(await verification.json()).toMatchObject({ problems: [] });
    expect((await fetch(`${gateway.url}/api/case/audit-log`, { headers: as(ops) })).status).toBe(403);

    // Behind the gateway, a service answers nobody without its token.
    expect((await fetch(`${system.url('case-service')}/cases/${referralId}`)).status).toBe(401);
    expect((await fetch(`${system.url('intake-service')}/referrals`, { method: 'POST', body: '{}' })).status).toBe(401);
  });

  it('says the same for a wrong password and an unknown name, wants the code for ops once only, and locks after failures', async () => {
    const wrong = await post('/auth/sign-in', { username: 'lodwar.intake', password: 'guess' });
    const unknown = await post('/auth/sign-in', { username: 'nobody.here', password: 'guess' });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(await wrong.json()).toEqual(await unknown.json());

    const noCode = await post('/auth/sign-in', { username: 'ops.one', password: 'ops-one-password' });
    expect(((await noCode.json()) as { error: { code: string } }).error.code).toBe('AUTH.SECOND_FACTOR_REQUIRED');
    const withCode = (totp: string) => post('/auth/sign-in', { username: 'ops.one', password: 'ops-one-password', totp });
    const code = await freshOpsCode();
    expect((await withCode(code)).status).toBe(200);
    expect((await withCode(code)).status).toBe(401); // someone who watched it typed cannot use it too

    for (let attempt = 0; attempt < 3; attempt++) await post('/auth/sign-in', { username: 'mandera.intake', password: `wrong-${attempt}` });
    const locked = await post('/auth/sign-in', { username: 'mandera.intake', password: 'mandera-ngo-2026!' });
    expect(locked.status).toBe(429);
    expect(((await locked.json()) as { error: { code: string } }).error.code).toBe('AUTH.LOCKED');
  });

  it('ends a session at sign-out, and every session of an account the moment it is disabled', async () => {
    const lodwar = await signIn('lodwar.intake', 'lodwar-parish-2026');
    expect((await fetch(`${gateway.url}/auth/session`, { headers: as(lodwar) })).status).toBe(200);
    expect((await post('/auth/sign-out', {}, as(lodwar))).status).toBe(204);
    expect((await fetch(`${gateway.url}/auth/session`, { headers: as(lodwar) })).status).toBe(401);

    const auditor = await signIn('auditor.one', 'auditor-one-password');
    const accounts = await mongoose.createConnection(testInfraUrls().mongoUrl, { dbName: system.gatewayDatabases[0]! }).asPromise();
    try {
      await accounts.collection('accounts').updateOne({ _id: 'auditor.one' as never }, { $set: { disabled: true } });
    } finally {
      await accounts.close();
    }
    expect((await fetch(`${gateway.url}/auth/session`, { headers: as(auditor) })).status).toBe(401);
  });

  it('lets an admin make, list, disable and reset accounts over the API, and each account change its own password', async () => {
    // A gateway of its own: its sign-ins do not count against the others' limit of 20 a minute per address.
    const main = gateway;
    gateway = await system.startGateway(ACCOUNTS);
    try {
      await accountApiChecks();
    } finally {
      await gateway.stop();
      gateway = main;
    }
  });

  async function accountApiChecks(): Promise<void> {
    const admin = await signIn('admin.one', 'admin-one-password', await freshCode(ADMIN_SECRET));
    const intake = await signIn('lodwar.intake', 'lodwar-parish-2026');
    const sessionOf = async (session: Session) => (await fetch(`${gateway.url}/auth/session`, { headers: as(session) })).status;
    const errorOf = async (response: Response) =>
      ((await response.json()) as { error: { code: string; fields?: { field: string }[] } }).error;

    expect((await fetch(`${gateway.url}/accounts`, { headers: as(intake) })).status).toBe(403);
    expect((await post('/accounts', { username: 'sneaky', roles: ['admin'] }, as(intake))).status).toBe(403);
    expect(
      (await post('/accounts', { username: 'garissa.intake', roles: ['intake'], organisationId: 'org-garissa' }, as(admin, false))).status,
    ).toBe(403);
    const bad = await post('/accounts', { username: 'garissa.intake', roles: ['overlord'], shoeSize: 9 }, as(admin));
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).fields?.map((f) => f.field).sort()).toEqual(['(root)', 'roles.0']);

    const made = await post('/accounts', { username: 'garissa.intake', roles: ['intake'], organisationId: 'org-garissa' }, as(admin));
    expect(made.status).toBe(201);
    const issued = (await made.json()) as { username: string; password: string; totpUri?: string };
    expect(issued).toMatchObject({ username: 'garissa.intake' });
    expect(issued.totpUri).toBeUndefined();
    const listed = (await (await fetch(`${gateway.url}/accounts`, { headers: as(admin) })).json()) as { items: { username: string }[] };
    expect(listed.items).toContainEqual({ username: 'garissa.intake', roles: ['intake'], disabled: false, secondFactor: false });

    const garissa = await signIn('garissa.intake', issued.password);
    const wrongCurrent = await post('/auth/password', { currentPassword: 'not-it', newPassword: 'garissa-new-password-1' }, as(garissa));
    expect(wrongCurrent.status).toBe(401);
    const tooShort = await post('/auth/password', { currentPassword: issued.password, newPassword: 'short' }, as(garissa));
    expect((await errorOf(tooShort)).fields?.map((f) => f.field)).toEqual(['newPassword']);
    const changed = await post('/auth/password', { currentPassword: issued.password, newPassword: 'garissa-new-password-1' }, as(garissa));
    expect(changed.status).toBe(200);
    const renewed: Session = {
      cookie: changed.headers.get('set-cookie')!.split(';')[0]!,
      csrfToken: ((await changed.json()) as { csrfToken: string }).csrfToken,
      setCookie: changed.headers.get('set-cookie')!,
    };
    expect([await sessionOf(garissa), await sessionOf(renewed)]).toEqual([401, 200]);
    expect((await post('/auth/sign-in', { username: 'garissa.intake', password: issued.password })).status).toBe(401);

    expect((await post('/accounts/admin.one/disable', {}, as(admin))).status).toBe(400);
    expect((await post('/accounts/garissa.intake/disable', {}, as(admin))).status).toBe(204);
    expect(await sessionOf(renewed)).toBe(401);
    expect((await post('/auth/sign-in', { username: 'garissa.intake', password: 'garissa-new-password-1' })).status).toBe(401);

    const reset = await post('/accounts/garissa.intake/reset', {}, as(admin));
    expect(reset.status).toBe(200);
    const { password } = (await reset.json()) as { password: string };
    expect(await sessionOf(await signIn('garissa.intake', password))).toBe(200);
    expect((await post('/accounts/nobody.here/reset', {}, as(admin))).status).toBe(400);
  }

  it('sets security headers, keeps answers out of caches, allows no other origin, limits bodies and refuses path tricks', async () => {
    const response = await fetch(`${gateway.url}/auth/session`, { headers: { origin: 'https://evil.example' } });
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-powered-by')).toBeNull();
    expect(response.headers.get('access-control-allow-origin')).toBeNull();

    expect(response.headers.get('cache-control')).toBe('no-store');

    const lodwar = await signIn('lodwar.intake', 'lodwar-parish-2026');
    // An answer with a survivor's case in it is never kept in a browser's or proxy's cache.
    const cases = await fetch(`${gateway.url}/api/case/cases`, { headers: as(lodwar) });
    expect(cases.status).toBe(200);
    expect(cases.headers.get('cache-control')).toBe('no-store');
    const huge = await post('/api/intake/referrals', { ...turkanaPostmortem(), narrative: 'x'.repeat(70_000) }, as(lodwar));
    expect(huge.status).toBe(413);
    for (const path of ['/api/intake/%2e%2e/dead-letters', '/api/intake/..%2fdead-letters', '/api/vault/x', '/dead-letters', '/links']) {
      expect((await fetch(`${gateway.url}${path}`, { headers: as(lodwar) })).status).toBe(404);
    }
  });

  it("serves the API documents to signed-in staff: its own routes, and each service's through /api/<service>/docs", async () => {
    expect((await fetch(`${gateway.url}/docs/openapi.json`)).status).toBe(401);
    const lodwar = await signIn('lodwar.intake', 'lodwar-parish-2026');
    const own = (await (await fetch(`${gateway.url}/docs/openapi.json`, { headers: as(lodwar) })).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(own.paths)).toEqual(
      expect.arrayContaining(['/auth/sign-in', '/auth/password', '/accounts', '/accounts/{username}/reset']),
    );
    expect(Object.keys(own.paths).some((path) => path.startsWith('/api'))).toBe(false);
    const intake = await fetch(`${gateway.url}/api/intake/docs/openapi.json`, { headers: as(lodwar) });
    expect(((await intake.json()) as { paths: Record<string, unknown> }).paths).toHaveProperty(['/referrals']);
    // The page and its script load under the gateway's content security policy (no inline script).
    const page = await (await fetch(`${gateway.url}/api/intake/docs`, { headers: as(lodwar) })).text();
    expect(page).not.toMatch(/<script>/);
    expect((await fetch(`${gateway.url}/api/intake/docs/assets/start.js`, { headers: as(lodwar) })).status).toBe(200);
    const volunteer = await signIn('other.volunteer', 'other-volunteer-password');
    expect((await fetch(`${gateway.url}/docs/openapi.json`, { headers: as(volunteer) })).status).toBe(403);
    expect((await fetch(`${gateway.url}/api/intake/docs/openapi.json`, { headers: as(volunteer) })).status).toBe(403);
  });

  it('lets SMS and USSD providers and signed links through without a session, checked by the service behind', async () => {
    const inbound = (secret: string) =>
      fetch(`${gateway.url}/webhooks/africastalking/${secret}/inbound`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ from: '+254711000999', to: '40404', text: 'hello', id: `at-${randomBytes(4).toString('hex')}` }),
      });
    expect((await inbound(system.webhookSecret)).status).toBe(200);
    expect((await inbound('not-the-secret-at-all-000')).status).toBe(404);
    const ussd = (secret: string) =>
      fetch(`${gateway.url}/ussd/africastalking/${secret}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ sessionId: 'at-gw-1', serviceCode: '*384*4242#', phoneNumber: '+254711000999', text: '' }),
      });
    const firstScreen = await ussd(system.ussdSecret);
    expect(firstScreen.status).toBe(200);
    expect(await firstScreen.text()).toMatch(/^CON Haki referral/);
    expect((await ussd('not-the-secret-at-all-000')).status).toBe(404);
    expect((await fetch(`${gateway.url}/links/not-a-signed-token`)).status).toBe(404);
  });

  it('will not start in production with demo accounts or cookies over plain HTTP', async () => {
    const refused = await system.startGateway(ACCOUNTS, { HAKI_PROFILE: 'production' }, false);
    expect(await refused.exited).toEqual({ code: 78, signal: null });
    expect(refused.output()).toMatch(/DEMO_ACCOUNTS_FILE: demo accounts exist only in the demo profile/);
    expect(refused.output()).toMatch(/COOKIE_SECURE: must be true outside the demo profile/);
  });

  it('signs people in through an OpenID Connect provider: only to an existing account, once, in the browser that started', async () => {
    const port = await freePort();
    const idp = await startIdentityProvider(`http://127.0.0.1:${port}/auth/oidc/callback`);
    const oidcGateway = await system.startGateway(ACCOUNTS, {
      PORT: String(port),
      OIDC_ISSUER: idp.url,
      OIDC_CLIENT_ID: 'haki-gateway',
      OIDC_CLIENT_SECRET: IDP_CLIENT_SECRET,
      OIDC_REDIRECT_URL: `http://127.0.0.1:${port}/auth/oidc/callback`,
      OIDC_AFTER_SIGN_IN_PATH: '/app/',
    });
    /** Start at the gateway, sign in at the provider as `sub`, and stop at the gateway's callback URL. */
    const throughProvider = async (sub: string): Promise<{ callbackUrl: string; binding: string }> => {
      const start = await fetch(`${oidcGateway.url}/auth/oidc/start?login_hint=${sub}`, { redirect: 'manual' });
      expect(start.status).toBe(302);
      const binding = start.headers
        .getSetCookie()
        .find((cookie) => cookie.startsWith('haki_oidc='))!
        .split(';')[0]!;
      const jar = new Map<string, string>();
      let location = start.headers.get('location')!;
      for (let hop = 0; hop < 10 && location.startsWith(idp.url); hop++) {
        const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
        const response = await fetch(location, { redirect: 'manual', headers: { cookie } });
        for (const set of response.headers.getSetCookie()) {
          const pair = set.split(';')[0]!;
          jar.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
        }
        location = new URL(response.headers.get('location')!, location).href;
      }
      expect(location.startsWith(`${oidcGateway.url}/auth/oidc/callback?`)).toBe(true);
      return { callbackUrl: location, binding };
    };
    const callback = (url: string, cookie?: string) => fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    const errorCode = async (response: Response) => ((await response.json()) as { error: { code: string } }).error.code;
    try {
      // An admin links the provider's identities to Haki accounts; without a link nobody gets in.
      const main = gateway;
      gateway = oidcGateway;
      try {
        const admin = await signIn('admin.one', 'admin-one-password', await freshCode(ADMIN_SECRET));
        const intake = await signIn('mandera.intake', 'mandera-ngo-2026!');
        const link = (username: string, subject: string, session: Session) =>
          post(`/accounts/${username}/identity-links`, { subject }, as(session));
        expect((await link('mandera.intake', 'idp-lodwar', intake)).status).toBe(403);
        expect((await link('lodwar.intake', 'idp-lodwar', admin)).status).toBe(201);
        expect((await link('ops.one', 'idp-lodwar', admin)).status).toBe(400); // one account per identity
        expect((await link('ops.one', 'idp-ops-one-factor', admin)).status).toBe(201);
        expect((await link('ops.one', 'idp-ops-two-factors', admin)).status).toBe(201);
      } finally {
        gateway = main;
      }

      const lodwar = await throughProvider('idp-lodwar');
      const signedIn = await callback(lodwar.callbackUrl, lodwar.binding);
      expect([signedIn.status, signedIn.headers.get('location')]).toEqual([303, '/app/']);
      const cookie = signedIn.headers
        .getSetCookie()
        .find((set) => set.startsWith('haki_session='))!
        .split(';')[0]!;
      const session = await fetch(`${oidcGateway.url}/auth/session`, { headers: { cookie } });
      expect(await session.json()).toMatchObject({ username: 'lodwar.intake', roles: ['intake'], organisationId: 'org-lodwar-parish' });
      // The same callback again (a replay, a leaked URL) opens nothing.
      const replayed = await callback(lodwar.callbackUrl, lodwar.binding);
      expect([replayed.status, await errorCode(replayed)]).toEqual([401, 'AUTH.SIGN_IN_FAILED']);

      // A callback in a browser that did not start the sign-in (someone else's link) opens nothing.
      const elsewhere = await throughProvider('idp-lodwar');
      expect((await callback(elsewhere.callbackUrl)).status).toBe(401);

      const stranger = await throughProvider('idp-stranger');
      const noAccount = await callback(stranger.callbackUrl, stranger.binding);
      expect([noAccount.status, await errorCode(noAccount)]).toEqual([401, 'AUTH.SIGN_IN_FAILED']);

      const opsPasswordOnly = await throughProvider('idp-ops-one-factor');
      const weak = await callback(opsPasswordOnly.callbackUrl, opsPasswordOnly.binding);
      expect([weak.status, await errorCode(weak)]).toEqual([401, 'AUTH.SECOND_FACTOR_REQUIRED']);
      const opsWithCode = await throughProvider('idp-ops-two-factors');
      const strong = await callback(opsWithCode.callbackUrl, opsWithCode.binding);
      expect([strong.status, strong.status === 303 ? 'signed in' : await errorCode(strong)]).toEqual([303, 'signed in']);
    } finally {
      await oidcGateway.stop();
      await idp.stop();
    }
  });

  it('rate-limits each client address', async () => {
    const limited = await system.startGateway(ACCOUNTS, { RATE_LIMIT_PER_MINUTE: '20' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 25; i++) statuses.push((await fetch(`${limited.url}/auth/session`)).status);
      expect(statuses.slice(0, 20).every((status) => status === 401)).toBe(true);
      expect(statuses.slice(20)).toEqual([429, 429, 429, 429, 429]);
    } finally {
      await limited.stop();
    }
  });
});
