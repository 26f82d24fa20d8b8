import { expect, test } from '@playwright/test';
import { expectAccessible, screenshot, signIn } from './support/haki';

test('the app switches to Swahili, and stays in Swahili after a reload', async ({ page }) => {
  await signIn(page, 'intake.demo');
  await page.getByLabel('Language').selectOption('sw');
  await expect(page.getByRole('heading', { name: 'Rufaa mpya' })).toBeVisible();
  await expect(page.getByLabel('Aina ya msaada')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'sw');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Rufaa mpya' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Tuma rufaa' })).toBeVisible();
  await expectAccessible(page, 'intake form in Swahili');
  await screenshot(page, 'intake-form-swahili');
});
