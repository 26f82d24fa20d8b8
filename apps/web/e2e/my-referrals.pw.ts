import { expect, test } from '@playwright/test';
import { expectAccessible, nairobiInput, screenshot, signIn } from './support/haki';

test('intake corrects a referral (a bad field named, then the place) and withdraws it from "my referrals"', async ({ page }) => {
  await signIn(page, 'intake.demo');
  await page.getByLabel('Kind of help').selectOption('detention-support');
  await page.getByLabel('County').selectOption('Nakuru');
  await page.getByLabel('Time of arrest').fill(nairobiInput(-2));
  await page.getByLabel('Name of the person').fill(`Amend Test ${Date.now().toString(36)}`);
  await page.getByLabel('Referred by (name)').fill('Nakuru family');
  await page.getByRole('button', { name: 'Submit referral' }).click();
  const sent = page.getByRole('status').filter({ hasText: 'Referral sent' });
  const caseId = (await sent.getByRole('link').getAttribute('href'))!.replace('#/cases/', '');

  await sent.getByRole('link').click();
  await expect(page.getByRole('heading', { name: 'Correct the referral' })).toBeVisible();
  // Intake sees where its case stands, not who was offered it.
  await expect(page.locator('.team')).not.toContainText('pro-');
  await page.getByLabel(/^A deadline staff know of/).fill(nairobiInput(-30));
  await page.getByRole('button', { name: 'Save the correction' }).click();
  await expect(page.getByLabel(/^A deadline staff know of/)).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel(/^A deadline staff know of/).fill('');
  await page.getByLabel('Town or village').fill('Naivasha');
  await page.getByRole('button', { name: 'Save the correction' }).click();
  await expect(page.locator('form.amend [role="status"]')).toContainText('Corrected: place');
  await expectAccessible(page, 'case (intake) with the correction form');

  await page.getByRole('navigation').getByRole('link', { name: 'My referrals' }).click();
  const row = page.locator(`tr[data-case="${caseId}"]`);
  await row.getByRole('button', { name: 'Withdraw' }).click();
  await row.getByLabel('Reason for withdrawing').fill('the family found a lawyer');
  await row.getByRole('button', { name: 'Withdraw' }).click();
  await expect(row.locator('.case-status')).toHaveText('Closed (Withdrawn)');
  await screenshot(page, 'my-referrals-withdrawn');
});

test('a second referral of the same person, day and county is held as a possible duplicate, and intake links it', async ({ page }) => {
  await signIn(page, 'intake.demo');
  const name = `Duplicate Test ${Date.now().toString(36)}`;
  const submit = async () => {
    await page.getByLabel('Kind of help').selectOption('detention-support');
    await page.getByLabel('County').selectOption('Kisumu');
    await page.getByLabel('Time of arrest').fill(nairobiInput(-1));
    await page.getByLabel('Name of the person').fill(name);
    await page.getByLabel('Referred by (name)').fill('Kisumu family');
    await page.getByRole('button', { name: 'Submit referral' }).click();
    const sent = page.getByRole('status').filter({ hasText: 'Referral sent' });
    return (await sent.getByRole('link').getAttribute('href'))!.replace('#/cases/', '');
  };
  const first = await submit();
  const second = await submit();
  const warning = page.getByRole('alert').filter({ hasText: 'This may be a referral already made' });
  await expect(warning).toContainText(first.slice(0, 8));
  await expectAccessible(page, 'intake form with a possible duplicate');
  await warning.getByRole('button', { name: 'Link to existing case' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Referral sent' })).toContainText(`Linked to case ${first.slice(0, 8)}.`);
  const linkedTo = async () =>
    ((await (await page.request.get(`/api/intake/referrals/${second}`)).json()) as { linkedTo?: string }).linkedTo;
  await expect.poll(linkedTo).toBe(first);
});
