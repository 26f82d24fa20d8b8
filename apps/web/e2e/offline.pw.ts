import { expect, test, type Page } from '@playwright/test';
import { nairobiInput, screenshot, signIn } from './support/haki';

/** The intake account's open cases (its organisation's): how many referrals reached the system. */
async function openCases(page: Page): Promise<number> {
  const response = await page.request.get('/api/case/cases?limit=1');
  expect(response.status()).toBe(200);
  return ((await response.json()) as { counts: { total: number } }).counts.total;
}

async function fillReferral(page: Page, name: string): Promise<void> {
  await page.getByLabel('Kind of help').selectOption('detention-support');
  await page.getByLabel('County').selectOption('Nakuru');
  await page.getByLabel('Time of arrest').fill(nairobiInput(-3));
  await page.getByLabel('Name of the person').fill(name);
  await page.getByLabel('Referred by (name)').fill('Nakuru family');
}

/** The answers intake gave to referral submissions from this page, in order. */
function referralAnswers(page: Page): { status: number; referralId: string }[] {
  const answers: { status: number; referralId: string }[] = [];
  page.on('response', async (response) => {
    if (!response.url().endsWith('/api/intake/referrals') || response.request().method() !== 'POST') return;
    answers.push({ status: response.status(), referralId: ((await response.json()) as { referralId: string }).referralId });
  });
  return answers;
}

// A name of its own per run: intake holds a second referral of the same person, day and county as a
// possible duplicate, which would hide a second copy from the case list rather than show it.
const someone = (label: string) => `${label} ${Date.now().toString(36)}`;

/** Waits until the case list has caught up (the case service learns of a referral from its event) and holds. */
async function expectOpenCases(page: Page, expected: number): Promise<void> {
  await expect.poll(() => openCases(page), { timeout: 30_000 }).toBe(expected);
  await page.waitForTimeout(3_000); // a second copy would have arrived by now
  expect(await openCases(page)).toBe(expected);
}

test('a referral written with no connection is kept encrypted on the device and sent exactly once when the connection returns', async ({
  page,
  context,
}) => {
  await signIn(page, 'intake.demo');
  // The app shell is cached by the service worker before the signal goes.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.reload();
  await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
  const before = await openCases(page);

  await context.setOffline(true);
  await page.reload(); // the form opens from the cache
  await expect(page.getByText('Offline: work is kept on this device')).toBeVisible();
  const name = someone('Offline Test Person');
  await fillReferral(page, name);
  await page.getByRole('button', { name: 'Submit referral' }).click();
  await expect(page.getByText('No connection: the referral is kept on this device, encrypted')).toBeVisible();
  await expect(page.locator('.outbox')).toContainText('1 referral waiting to be sent');
  await screenshot(page, 'intake-offline');

  // What the device holds is ciphertext: the name is nowhere in it.
  const stored = await page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('haki-outbox');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('referrals').objectStore('referrals').getAll();
          all.onsuccess = () =>
            resolve(
              (all.result as { data: ArrayBuffer; idempotencyKey: string }[])
                .map((entry) => `${entry.idempotencyKey}:${new TextDecoder('latin1').decode(entry.data)}`)
                .join('\n'),
            );
        };
      }),
  );
  expect(stored).toMatch(/^[\w-]+:/);
  expect(stored).not.toContain(name);
  expect(stored).not.toContain('detention-support');

  const answers = referralAnswers(page);
  await context.setOffline(false);
  await expect(page.locator('.outbox')).toBeHidden({ timeout: 30_000 });
  await expectOpenCases(page, before + 1);
  expect(answers.map(({ status }) => status)).toEqual([201]); // sent once, and new
});

test('a referral whose answer was lost on the way back is sent again under the same key and counted once', async ({ page }) => {
  await signIn(page, 'intake.demo');
  const before = await openCases(page);
  // The request reaches intake, which makes the referral; the answer never reaches the phone.
  let made: string | undefined;
  await page.route('**/api/intake/referrals', async (route) => {
    made = ((await (await route.fetch()).json()) as { referralId: string }).referralId;
    await route.abort('internetdisconnected');
  });
  await fillReferral(page, someone('Lost Answer Person'));
  await page.getByRole('button', { name: 'Submit referral' }).click();
  await expect(page.locator('.outbox')).toContainText('1 referral waiting to be sent');
  expect(made).toBeDefined();
  await page.unroute('**/api/intake/referrals');
  const answers = referralAnswers(page);
  // The worker taps "send now" twice: one pass runs, and intake answers the repeat with the first referral.
  await page.getByRole('button', { name: 'Send now' }).click();
  await page
    .getByRole('button', { name: 'Send now' })
    .click({ timeout: 2_000 })
    .catch(() => undefined);
  await expect(page.locator('.outbox')).toBeHidden({ timeout: 30_000 });
  // Intake answered the repeat with the referral it made the first time (200, not a new 201).
  expect(answers).toEqual([{ status: 200, referralId: made }]);
  await expectOpenCases(page, before + 1);
});

test('a queued referral intake refuses when it is sent is shown with the reason by field, and discarded by the worker', async ({
  page,
  context,
}) => {
  await signIn(page, 'intake.demo');
  await context.setOffline(true);
  await page.getByLabel('Kind of help').selectOption('detention-support');
  await page.getByLabel('County').selectOption('Nakuru');
  await page.getByLabel('Time of arrest').fill(nairobiInput(-3));
  await page.getByLabel('Referred by (name)').fill('Nakuru family'); // no name for the person held
  await page.getByRole('button', { name: 'Submit referral' }).click();
  await expect(page.locator('.outbox')).toContainText('1 referral waiting to be sent');
  await context.setOffline(false);
  const refused = page.locator('.outbox .error');
  await expect(refused).toContainText('was refused (subject.name', { timeout: 30_000 });
  await expect(page.locator('.outbox')).not.toContainText('waiting to be sent');
  await refused.getByRole('button', { name: 'Discard' }).click();
  await expect(page.locator('.outbox')).toBeHidden();
});
