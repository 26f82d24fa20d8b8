import { expect, test } from '@playwright/test';
import { apiAs, expectAccessible, freshVolunteer, nairobiInput, signIn } from './support/haki';

/** A death in custody in Mandera, from intake, at `diedAt` (Nairobi time, or ISO): the postmortem is due 72 hours after. */
async function deathInCustodyInMandera(name: string, diedAt: string): Promise<string> {
  const { api, csrf } = await apiAs('intake.demo');
  const submitted = await api.post('/api/intake/referrals', {
    headers: csrf,
    data: {
      serviceType: 'postmortem',
      death: { at: diedAt, circumstance: 'custody' },
      county: 'Mandera',
      source: { kind: 'family' },
      consent: { givenBy: 'next-of-kin', scopes: ['share-with-doctor', 'share-with-lawyer'] },
      subject: { name: `${name} ${Date.now().toString(36)}` },
      referrer: { name: 'Mandera family' },
    },
  });
  expect(submitted.status(), await submitted.text()).toBe(201);
  const { referralId } = (await submitted.json()) as { referralId: string };
  await api.dispose();
  return referralId;
}

/**
 * A death in custody in Mandera 70 hours ago: two hours are left of the postmortem's window, and nobody
 * can be there in time, so the role waits on ops. Ops ask for someone the ranking leaves out, are told
 * why, and assign them with a reason on record.
 */
test('ops assign someone the ranking left out of a referral nobody can reach in time, giving the reason', async ({ page }) => {
  const { professionalId } = await freshVolunteer();
  const referralId = await deathInCustodyInMandera('Ops Assign', nairobiInput(-70).replace('T', ' ')); // two hours left

  await signIn(page, 'ops.demo');
  // The queue filtered to the county, as ops do when a surge fills it.
  const queue = page.locator('section.attention');
  await queue.getByLabel('County').selectOption('Mandera');
  await queue.getByLabel('Why').selectOption('unfilled-role');
  const card = page.locator(`li[data-referral="${referralId}"]`);
  await expect(card).toContainText('Role unfilled', { timeout: 30_000 });
  await card.getByRole('button', { name: 'Candidates for Forensic pathologist' }).click();
  await card.getByLabel('Someone else (volunteer id)').fill(professionalId);
  await card.getByRole('button', { name: 'Assign', exact: true }).last().click();
  // The ranking's reason they were left out, and a reason asked for before anything is recorded.
  const reason = card.getByLabel('Reason (why this person)');
  await expect(reason).toBeVisible();
  await expect(card.locator('.candidates')).toContainText(`${professionalId} is not eligible`);
  await expectAccessible(page, 'ops dashboard, assigning by hand');
  await reason.fill('the family agreed to wait for her: she drives tonight');
  await card.getByRole('button', { name: 'Assign', exact: true }).last().click();
  await expect(card.getByRole('status')).toHaveText('Assigned');

  await page.goto(`/app/#/cases/${referralId}`);
  await expect(page.locator('.team')).toContainText(professionalId);
});

test('ops offer a role nobody could take again, and see the case past its target once the postmortem is overdue', async ({ page }) => {
  // The postmortem is due 20 seconds from now: nobody can make it.
  const referralId = await deathInCustodyInMandera('Ops Reoffer', new Date(Date.now() - 72 * 3_600_000 + 20_000).toISOString());
  await signIn(page, 'ops.demo');
  await page.locator('section.attention').getByLabel('County').selectOption('Mandera');
  const card = page.locator(`li[data-referral="${referralId}"]`);
  await expect(card).toContainText('Role unfilled', { timeout: 30_000 });
  await card.getByRole('button', { name: 'Candidates for Forensic pathologist' }).click();
  await card.getByRole('button', { name: 'Offer the role again' }).click();
  await expect(card.getByRole('status')).toHaveText('Offered again: matching is searching.');

  // The case records who asked; the new search finds nobody either, and the role is back with ops.
  await page.goto(`/app/#/cases/${referralId}`);
  const timeline = page.locator('.timeline');
  await expect(timeline).toContainText('ops.demo asked for the forensic pathologist role to be offered again');
  await expect(timeline.locator('li', { hasText: 'Escalated to ops: forensic pathologist' })).toHaveCount(2, { timeout: 30_000 });

  // The deadline passes with nobody on site: the dashboard lists the case past its target.
  await page.goto('/app/#/ops');
  await page.locator('section.attention').getByLabel('County').selectOption('Mandera');
  const late = page.locator('section.past-target tr', { has: page.getByRole('link', { name: referralId.slice(0, 8) }) });
  await expect(late).toContainText('Breached', { timeout: 40_000 });
  await expectAccessible(page, 'ops dashboard, cases past a target');
});
