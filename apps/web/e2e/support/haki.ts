import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, request, type APIRequestContext, type Cookie, type Page } from '@playwright/test';
import { generateSync } from 'otplib';
import { GATEWAY_URL, RESULTS_DIR, RUN_DIR, SCREENSHOT_DIR } from './environment';

interface DemoAccount {
  username: string;
  password: string;
  totpSecret?: string;
}

/** The demo accounts `npm start` made on this machine (random passwords, never committed). */
function account(username: string): DemoAccount {
  const accounts = JSON.parse(readFileSync(join(RUN_DIR, 'demo-accounts.json'), 'utf8')) as DemoAccount[];
  const found = accounts.find((candidate) => candidate.username === username);
  if (!found) throw new Error(`no demo account ${username} in ${RUN_DIR}/demo-accounts.json: start the system with npm start`);
  return found;
}

/**
 * A code not used yet: the gateway refuses a code used once already (replay protection), so a second
 * sign-in within the same 30-second step waits for the next code. Recorded in a file, since Playwright
 * may load this module afresh in a new worker.
 */
async function unusedCode(username: string, secret: string): Promise<string> {
  const record = join(RESULTS_DIR, 'totp-used.json');
  const used = (existsSync(record) ? JSON.parse(readFileSync(record, 'utf8')) : {}) as Record<string, string>;
  let code = generateSync({ secret });
  while (code === used[username]) {
    await new Promise((resolve) => setTimeout(resolve, 30_000 - (Date.now() % 30_000) + 500));
    code = generateSync({ secret });
  }
  writeFileSync(record, JSON.stringify({ ...used, [username]: code }));
  return code;
}

/**
 * Each demo account signs in once per worker and its session is reused after that, as a person keeps
 * theirs: the gateway allows 20 sign-ins a minute from one address (all of these tests come from
 * 127.0.0.1), and an authenticator code may be used only once. A reused session the gateway no longer
 * knows is replaced by a new sign-in.
 */
const demoSessions = new Map<string, Cookie[]>();

/** An API session as a demo account (to set up what a test needs), and the CSRF header its changes carry. */
export async function apiAs(username: string): Promise<{ api: APIRequestContext; csrf: Record<string, string> }> {
  const kept = demoSessions.get(username);
  if (kept) {
    const api = await request.newContext({ baseURL: GATEWAY_URL, storageState: { cookies: kept, origins: [] } });
    const session = await api.get('/auth/session');
    if (session.ok()) return { api, csrf: { 'x-csrf-token': ((await session.json()) as { csrfToken: string }).csrfToken } };
    await api.dispose();
  }
  const { password, totpSecret } = account(username);
  const api = await request.newContext({ baseURL: GATEWAY_URL });
  const signedIn = await api.post('/auth/sign-in', {
    data: { username, password, ...(totpSecret ? { totp: await unusedCode(username, totpSecret) } : {}) },
  });
  expect(signedIn.status(), await signedIn.text()).toBe(200);
  demoSessions.set(username, (await api.storageState()).cookies);
  const { csrfToken } = (await signedIn.json()) as { csrfToken: string };
  return { api, csrf: { 'x-csrf-token': csrfToken } };
}

export const ROSTER_CSV_HEADER = 'id,roles,homeTown,homeCounty,maxTravelKm,capacity,languages,credentials,conflicts,phone,email';

/**
 * A volunteer of the test's own, with an account: a forensic pathologist based in Marsabit, so a
 * Marsabit postmortem is offered to them first. The demo pathologists rest 72 hours after a
 * postmortem (matching's cooldown), so a second run on the same system could not count on them.
 */
export async function freshVolunteer(): Promise<{ professionalId: string; username: string; password: string }> {
  const run = Date.now().toString(36);
  const professionalId = `pro-web-${run}`;
  const { api, csrf } = await apiAs('admin.demo');
  // Earlier runs' volunteers leave the roster first: they would tie with this one for the offer.
  const roster = (await (await api.get('/api/matching/professionals')).json()) as { professionals: { id: string }[] };
  for (const { id } of roster.professionals.filter((listed) => listed.id.startsWith('pro-web-'))) {
    const retired = await api.post(`/api/matching/professionals/${id}/deactivation`, {
      headers: csrf,
      data: { reason: 'an earlier browser test run' },
    });
    expect(retired.status(), await retired.text()).toBe(200);
  }
  const phone = `+2547${String(Date.now()).slice(-8)}`;
  const row = [
    professionalId,
    'forensic-pathologist',
    'Marsabit',
    'Marsabit',
    900,
    20, // the most a profile takes: matching offers a new volunteer the waiting referrals they can reach, earlier tests' too
    'English;Kiswahili',
    'practising-certificate:2030-06-30',
    '',
    phone,
    '',
  ];
  const csv = `${ROSTER_CSV_HEADER}\n${row.join(',')}`;
  const imported = await api.post('/api/matching/professionals/imports', { headers: { ...csrf, 'content-type': 'text/csv' }, data: csv });
  expect(imported.status(), await imported.text()).toBe(201);
  const username = `volunteer.${run}`;
  const created = await api.post('/accounts', { headers: csrf, data: { username, roles: ['professional'], professionalId } });
  expect(created.status(), await created.text()).toBe(201);
  const { password } = (await created.json()) as { password: string };
  await api.dispose();
  return { professionalId, username, password };
}

/**
 * A signed-in page: a demo account's session from an earlier test is reused (see demoSessions), as a
 * person stays signed in; otherwise, and always for an account given with its password (a test's own
 * volunteer), through the form.
 */
export async function signIn(page: Page, username: string, password?: string): Promise<void> {
  const kept = password ? undefined : demoSessions.get(username);
  if (kept) {
    await page.context().addCookies(kept);
    await page.goto('/app/');
    await expect(signedInAs(page, username).or(page.getByLabel(/^(Username|Jina la mtumiaji)$/))).toBeVisible();
    if (await signedInAs(page, username).isVisible()) return;
  }
  await signInWithForm(page, username, password);
}

/** Signs in through the form, as a person would: the code is asked for only when the role needs one. */
export async function signInWithForm(page: Page, username: string, password?: string): Promise<void> {
  const { password: demoPassword, totpSecret } = password ? { password, totpSecret: undefined } : account(username);
  await page.goto('/app/');
  await page.getByLabel(/^(Username|Jina la mtumiaji)$/).fill(username);
  await page.getByLabel(/^(Password|Nenosiri)$/).fill(demoPassword);
  await page.getByRole('button', { name: /^(Sign in|Ingia)$/ }).click();
  if (totpSecret) {
    await page.getByLabel('Authenticator code').fill(await unusedCode(username, totpSecret));
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await expect(signedInAs(page, username)).toBeVisible();
  if (!password) demoSessions.set(username, await page.context().cookies());
}

const signedInAs = (page: Page, username: string) => page.getByRole('button', { name: new RegExp(`\\(${username}\\)`) });

/** No serious or critical accessibility violation on the screen as it stands (axe-core, WCAG 2.1 A and AA rules). */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join('; ')})`);
  expect(serious, `accessibility of ${screen}`).toEqual([]);
}

/** A screenshot for docs/screenshots/ when asked (npm run screenshots); otherwise nothing. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (SCREENSHOT_DIR) await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** A time in Nairobi as the browser's datetime-local input takes it, `hours` from now. */
export function nairobiInput(hoursFromNow: number): string {
  const at = new Date(Date.now() + hoursFromNow * 3_600_000 + 3 * 3_600_000); // Nairobi is UTC+3 all year
  return at.toISOString().slice(0, 16);
}

/** A phone-sized window for the volunteer's view. */
export const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
