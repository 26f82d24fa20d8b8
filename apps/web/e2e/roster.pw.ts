import { expect, test } from '@playwright/test';
import { expectAccessible, freshVolunteer, nairobiInput, PHONE, ROSTER_CSV_HEADER, screenshot, signIn } from './support/haki';

test('a supervisor imports the roster spreadsheet (a bad row named, nothing imported), then edits a volunteer', async ({ page }) => {
  const id = `pro-web-import-${Date.now().toString(36)}`;
  await signIn(page, 'supervisor.demo');
  await page.getByRole('navigation').getByRole('link', { name: 'Roster' }).click();
  await expect(page.locator('tr[data-professional="pro-nbo-path-1"]')).toContainText('Forensic pathologist');

  const upload = (csv: string) =>
    page.getByLabel('CSV file (UTF-8)').setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const good = `${id},clinician,Garissa,Garissa,400,2,Kiswahili;Somali,practising-certificate:2027-01-15,,+254700222444,`;
  await upload(`${ROSTER_CSV_HEADER}\n${good}\n${id}-2,clinician,Atlantis,Atlantis,400,2,sw,,,n/a,`);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const problems = page.locator('.row-errors li');
  await expect(problems).toContainText(['row 3: homeCounty', 'row 3: contact.phone']);
  await expect(page.locator(`tr[data-professional="${id}"]`)).toHaveCount(0);
  await expectAccessible(page, 'roster with import errors');

  await upload(`${ROSTER_CSV_HEADER}\n${good}`);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('Imported: 1 added, 0 updated.');
  const row = page.locator(`tr[data-professional="${id}"]`);
  await expect(row.locator('td').nth(3)).toHaveText(/^\d \/ 2$/);
  // A practising certificate that lapses within 60 days is flagged.
  await expect(row).toContainText('practising-certificate 2027-01-15');

  await row.getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('Capacity (open cases at once)').fill('3');
  await expectAccessible(page, 'roster edit');
  await page.getByRole('button', { name: 'Save' }).click();
  // Its load counts at once: referrals waiting for a clinician may already be offered to the newcomer.
  await expect(row.locator('td').nth(3)).toHaveText(/^\d \/ 3$/);
  await screenshot(page, 'roster');
});

test('a volunteer sets themselves away until a date on the phone, and back', async ({ browser }) => {
  const { username, password, professionalId } = await freshVolunteer();
  const phone = await browser.newContext(PHONE);
  const page = await phone.newPage();
  await signIn(page, username, password);
  await expect(page.getByRole('status').filter({ hasText: 'Available for offers.' })).toBeVisible();
  const until = nairobiInput(240); // ten days on
  await page.getByLabel('Away until').fill(until);
  await page.getByRole('button', { name: 'Set away' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Away until' })).toContainText(until.replace('T', ' '));
  await expectAccessible(page, 'volunteer availability');
  await screenshot(page, 'volunteer-away');

  // Ops see it in the roster.
  const ops = await (await browser.newContext()).newPage();
  await signIn(ops, 'ops.demo');
  await ops.goto('/app/#/roster');
  await expect(ops.locator(`tr[data-professional="${professionalId}"]`)).toContainText(until.replace('T', ' '));

  await page.getByRole('button', { name: 'I am back' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Available for offers.' })).toBeVisible();
  await phone.close();
});
