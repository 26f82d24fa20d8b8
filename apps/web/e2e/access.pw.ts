import { expect, test } from '@playwright/test';
import { expectAccessible, screenshot, signIn, signInWithForm } from './support/haki';

test('an intake account cannot open the ops dashboard, and the gateway refuses its data too', async ({ page }) => {
  await signIn(page, 'intake.demo');
  await expect(page.getByRole('navigation').getByRole('link')).toHaveText(['New referral', 'My referrals']);
  await page.goto('/app/#/ops');
  await expect(page.getByRole('alert')).toHaveText('Your role cannot open this page.');
  // The screen is only a courtesy: the service refuses the call whatever the browser shows.
  const attention = await page.request.get('/api/matching/referrals/attention');
  expect(attention.status()).toBe(403);
  await page.goto('/app/#/referrals');
  await expect(page.getByRole('heading', { name: 'My referrals' })).toBeVisible();
  await expectAccessible(page, 'my referrals');
  await screenshot(page, 'my-referrals');
});

test('signed out, the app shows only sign-in and the API answers 401', async ({ page }) => {
  await page.goto('/app/#/ops');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expectAccessible(page, 'sign-in');
  await screenshot(page, 'sign-in');
  expect((await page.request.get('/api/case/cases')).status()).toBe(401);
});

test('a wrong password is refused with a message, too many sign-ins are told apart, and ops is asked for the authenticator code', async ({
  page,
}) => {
  await page.goto('/app/');
  await page.getByLabel('Username').fill('intake.demo');
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('Sign-in failed');
  // The gateway's per-address limit (20 a minute) answers as it does, without spending the real one.
  await page.route('/auth/sign-in', (route) =>
    route.fulfill({ status: 429, json: { error: { code: 'HTTP.TOO_MANY_REQUESTS', message: 'ThrottlerException: Too Many Requests' } } }),
  );
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Too many sign-ins from this network just now. Wait a minute and try again.');
  await page.unroute('/auth/sign-in');
  await signInWithForm(page, 'ops.demo');
  await expect(page.getByRole('heading', { name: 'Ops dashboard' })).toBeVisible();
});

test('the queue boards (bull-board) open for an admin, read-only, and are refused to ops', async ({ browser }) => {
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, 'admin.demo');
  await admin.getByRole('navigation').getByRole('link', { name: 'System' }).click();
  await expect(admin.locator('tr[data-service="notification"] td').nth(4)).toHaveText(/^\d+$/);
  await expectAccessible(admin, 'system health');
  const board = await admin.context().newPage();
  await board.goto('/api/notification/queues/');
  await expect(board).toHaveTitle('Haki queues');
  const queues = await board.request.get('/api/notification/queues/api/queues?activeQueue=&page=1&jobsPerPage=10');
  expect(queues.status()).toBe(200);
  const listed = (await queues.json()) as { queues: { name: string; readOnlyMode: boolean }[] };
  expect(listed.queues.length).toBeGreaterThan(0);
  expect(listed.queues.every((queue) => queue.readOnlyMode)).toBe(true);
  // Its buttons' calls are refused even with the session's CSRF token: the board only reads.
  const { csrfToken } = (await (await board.request.get('/auth/session')).json()) as { csrfToken: string };
  const pause = await board.request.put(`/api/notification/queues/api/queues/${encodeURIComponent(listed.queues[0]!.name)}/pause`, {
    headers: { 'x-csrf-token': csrfToken },
  });
  expect(pause.status()).toBe(405);

  const ops = await (await browser.newContext()).newPage();
  await signIn(ops, 'ops.demo');
  expect((await ops.request.get('/api/notification/queues/')).status()).toBe(403);
});
