import { createHash } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { expectAccessible, freshVolunteer, nairobiInput, PHONE, screenshot, signIn } from './support/haki';

/**
 * The quick start in the README, in a real browser: intake writes a referral, a volunteer accepts the
 * offer on a phone-sized screen, ops sees the role confirmed, and the case is worked to closure.
 */
test('a referral goes from the intake form to a closed case', async ({ browser }) => {
  const volunteerAccount = await freshVolunteer();
  const intake = await (await browser.newContext()).newPage();
  await signIn(intake, 'intake.demo');
  await expect(intake.getByRole('heading', { name: 'New referral' })).toBeVisible();
  await expectAccessible(intake, 'intake form (empty)');

  // Only the postmortem's fields show; a torture referral has its own.
  await expect(intake.getByLabel('Time of death')).toBeVisible();
  await intake.getByLabel('Kind of help').selectOption('torture-documentation');
  await expect(intake.getByLabel('Time of death')).toBeHidden();
  await expect(intake.getByLabel('Time of the incident')).toBeVisible();
  await intake.getByLabel('Kind of help').selectOption('postmortem');

  // A bad submission: every missing field named under its box, nothing sent.
  await intake.getByRole('button', { name: 'Submit referral' }).click();
  await expect(intake.getByText('Please correct the fields marked below.')).toBeVisible();
  await expect(intake.getByLabel('Name of the person')).toHaveAttribute('aria-invalid', 'true');
  await screenshot(intake, 'intake-form-errors');

  await intake.getByLabel('Town or village').fill('Kibera');
  await intake.getByLabel('Time of death').fill(nairobiInput(-5));
  await intake.getByLabel('Planned burial (if known)').fill(nairobiInput(30));
  // The deadline and its rule, computed as staff type, before anything is sent.
  await expect(intake.locator('.deadline li.binding')).toContainText('before the planned burial');
  await expect(intake.locator('.deadline')).toContainText('Urgent');
  const name = `Browser Test ${Date.now().toString(36)}`; // its own per run: a same-day repeat would be held as a duplicate
  await intake.getByLabel('Name of the person').fill(name);
  await intake.getByLabel('Referred by (name)').fill('Kibera Parish');
  await intake.getByLabel('Referrer’s phone').fill('+254700000123');
  await expectAccessible(intake, 'intake form (filled)');
  await screenshot(intake, 'intake-form');
  await intake.getByRole('button', { name: 'Submit referral' }).click();
  // A village intake does not know, with no county: the error lands under the town box.
  await expect(intake.getByLabel('Town or village')).toHaveAttribute('aria-invalid', 'true');
  await expect(intake.getByText('is not a town we know')).toBeVisible();
  await intake.getByLabel('Town or village').fill('Marsabit');
  await intake.getByRole('button', { name: 'Submit referral' }).click();
  const sent = intake.getByRole('status').filter({ hasText: 'Referral sent' });
  await expect(sent).toBeVisible();
  const caseId = (await sent.getByRole('link').getAttribute('href'))!.replace('#/cases/', '');

  // The volunteer, on a phone, sees the offer (what the SMS says, no name) and accepts it.
  const phone = await browser.newContext(PHONE);
  const volunteer = await phone.newPage();
  await signIn(volunteer, volunteerAccount.username, volunteerAccount.password);
  const offer = volunteer.locator(`li[data-offer^="${caseId}:"]`);
  await expect(offer).toContainText('Forensic pathologist');
  await expect(offer).not.toContainText(name);
  await expectAccessible(volunteer, 'volunteer offers');
  await screenshot(volunteer, 'volunteer-offers');
  // Who was offered the case is for ops: intake's list row carries none of it.
  const caseRow = async (page: typeof intake) =>
    (
      (await (await page.request.get('/api/case/cases?county=Marsabit&sort=-receivedAt')).json()) as {
        cases: { caseId: string; openOffers?: unknown[]; professionalIds: unknown[] }[];
      }
    ).cases.find((row) => row.caseId === caseId);
  expect(await caseRow(intake)).toMatchObject({ openOffers: [], professionalIds: [] });
  await offer.getByRole('button', { name: 'Accept' }).click();
  await expect(volunteer.getByRole('status').filter({ hasText: 'Accepted: ops will confirm.' })).toBeVisible();
  // Matching confirms: the offer leaves the list and the case joins "My cases".
  await expect(offer).toHaveCount(0);
  await expect(volunteer.getByRole('link', { name: caseId.slice(0, 8) })).toBeVisible();

  // Ops sees the role confirmed and the case assigned.
  const ops = await (await browser.newContext()).newPage();
  await signIn(ops, 'ops.demo');
  await expect.poll(async () => (await caseRow(ops))?.professionalIds).toContain(volunteerAccount.professionalId);
  await expect(ops.getByRole('heading', { name: 'Ops dashboard' })).toBeVisible();
  await expect(ops.locator('.map svg')).toBeVisible();
  await expect(ops.locator('.map figcaption')).toContainText(/Marsabit: \d+ open, \d+ waiting on ops, \d+ past a target/);
  // Coverage from the live roster: Mandera, a day's drive from every demo volunteer, has a gap.
  await expect(ops.locator('tr[data-county="Mandera"] td.gap').first()).toBeVisible();
  // Each service's own figures, through the gateway: every row filled, dead letters counted.
  for (const service of ['intake', 'matching', 'notification', 'case']) {
    await expect(ops.locator(`tr[data-service="${service}"] td`).nth(4)).toHaveText(/^\d+$/);
  }
  await expectAccessible(ops, 'ops dashboard');
  await screenshot(ops, 'ops-dashboard');
  await ops.goto(`/app/#/cases/${caseId}`);
  await expect(ops.locator('.team li', { hasText: 'Forensic pathologist' }).locator('.role-status').first()).toHaveText('confirmed');
  await expect(ops.locator('p .case-status')).toHaveText('Assigned');

  // The volunteer starts the work from their case list.
  await volunteer.getByRole('link', { name: caseId.slice(0, 8) }).click();
  await volunteer.getByRole('button', { name: 'Move to: In progress' }).click();
  await expect(volunteer.locator('p .case-status')).toHaveText('In progress');
  // Evidence from the phone: its SHA-256 recorded on receipt is the file's own.
  const file = Buffer.from(`sample custody sheet ${caseId}\n`);
  const sha256 = createHash('sha256').update(file).digest('hex');
  await volunteer.getByLabel('Kind of evidence').selectOption('sample-record');
  await volunteer.getByLabel('File or photo').setInputFiles({ name: 'custody.txt', mimeType: 'text/plain', buffer: file });
  await volunteer.getByRole('button', { name: 'Upload' }).click();
  await expect(volunteer.getByRole('status').filter({ hasText: 'SHA-256' })).toContainText(sha256);
  await expect(volunteer.locator('section', { hasText: 'Evidence' }).locator('code')).toHaveAttribute('title', sha256);
  await expectAccessible(volunteer, 'case detail (volunteer)');

  // Ops works it to the end and closes it with its outcome.
  for (const step of ['Report in preparation', 'Report delivered']) {
    await ops.getByRole('button', { name: `Move to: ${step}` }).click();
    await expect(ops.locator('p .case-status')).toHaveText(step);
  }
  await ops.getByLabel('Add note').fill('Report handed to the family at the parish.');
  await ops.getByRole('button', { name: 'Add note' }).click();
  await expect(ops.locator('ul.notes li')).toContainText(['ops.demo: Report handed to the family at the parish.']);
  // A protocol item recorded: it leaves the list of what is still to do.
  await ops.getByRole('button', { name: 'Mark done: Family informed and represented' }).click();
  await expect(ops.getByRole('button', { name: 'Mark done: Family informed and represented' })).toHaveCount(0);
  await ops.getByLabel('Outcome').selectOption('report-delivered-to-family');
  await ops.getByLabel('Why items are missing (if any)').fill('browser test: protocol items recorded on paper');
  await expectAccessible(ops, 'case detail (ops)');
  await screenshot(ops, 'case-detail');
  await ops.getByRole('button', { name: 'Close the case' }).click();
  await expect(ops.locator('p .case-status')).toHaveText('Closed');
  await expect(ops.locator('article > p')).toContainText('Report delivered to the family');
  await phone.close();
});
