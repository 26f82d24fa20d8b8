import { formatNairobiTime } from '@haki/vocabulary';
import { eventually, LocalMailbox } from '@haki/testing';
import { HakiSystem, linksAndMailEnv, SERVICE_NAMES, type CaseView } from './haki-system';

const offersOf = (kase: CaseView, role: string) => kase.roles.find((candidate) => candidate.role === role)!.offers;

/**
 * A volunteer who prefers email (the demo's psychologist) answers through the signed link in the offer
 * email; the confirmation carries a link to the brief, which intake opens for them alone, and records.
 */
describe('answering by link, and the brief', () => {
  const system = new HakiSystem();
  const mailbox = new LocalMailbox();
  // Beaten 60 hours ago, injuries still visible: documented within 5 days, so 60 hours are left (urgent).
  const referral = {
    serviceType: 'torture-documentation',
    incident: { at: formatNairobiTime(Date.now() - 60 * 3_600_000), injuriesVisible: true },
    source: { kind: 'ngo' },
    consent: { givenBy: 'survivor', scopes: ['share-with-doctor', 'share-with-lawyer'] },
    county: 'Nairobi',
    subject: { name: 'Achieng Otieno', age: 24 },
    referrer: { name: 'Kibera legal aid desk', phone: '+254700222333' },
    narrative: 'Beaten at the station on Friday; injuries still visible.',
  };

  beforeAll(async () => {
    const env = await linksAndMailEnv(await mailbox.start());
    await Promise.all(SERVICE_NAMES.map((service) => system.start(service, env[service] ?? {})));
  });

  afterAll(async () => {
    await system.stop();
    await mailbox.stop();
  });

  const linkIn = (raw: string, path: 'links' | 'briefs') => new RegExp(`(http://127\\.0\\.0\\.1:\\d+/${path}/[\\w.-]+)`).exec(raw)?.[1];

  it('takes the answer from the page the email links to, once, and opens the brief to the confirmed volunteer only', async () => {
    const { referralId } = await system.submitReferral(referral);
    const mail = await eventually(async () => {
      const found = mailbox.mails.find((m) => m.to.includes('pro-nbo-psy-1@example.org') && m.raw.includes('/links/'));
      expect(found).toBeDefined();
      return found!;
    });
    expect(mail.raw).toContain('Subject: Haki: injury documentation request in Nairobi County');
    expect(mail.raw).not.toContain('Achieng');
    const answerLink = linkIn(mail.raw, 'links')!;

    const page = await system.fetch(answerLink);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('injury documentation request, Nairobi County');
    expect(html).toContain('<form method="post">');
    expect(html).not.toContain('<script');

    const accepted = await system.fetch(answerLink, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'response=accept',
    });
    expect(accepted.status).toBe(200);
    expect(await accepted.text()).toContain('Your YES is sent');
    const confirmed = await eventually(async () => {
      const kase = await system.getCase(referralId);
      expect(offersOf(kase, 'psychologist')[0]).toMatchObject({ professionalId: 'pro-nbo-psy-1', status: 'confirmed' });
      return kase;
    });
    expect(confirmed.timeline.map((entry) => entry.summary).join('\n')).toContain('recorded by link (link)');

    // Single use: the same link cannot answer again.
    const again = await system.fetch(answerLink, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'response=decline',
    });
    expect(again.status).toBe(409);
    expect(await (await system.fetch(answerLink)).text()).toContain('used already');

    // The confirmation (by email, as preferred) carries the brief link; the brief shows what the SMS never does.
    const confirmation = await eventually(async () => {
      const found = mailbox.mails.find((m) => m.to.includes('pro-nbo-psy-1@example.org') && m.raw.includes('/briefs/'));
      expect(found).toBeDefined();
      return found!;
    });
    const briefLink = linkIn(confirmation.raw, 'briefs')!;
    const brief = await system.fetch(briefLink);
    expect(brief.status).toBe(200);
    const briefHtml = await brief.text();
    expect(briefHtml).toContain('Achieng Otieno');
    expect(briefHtml).toContain('Kibera legal aid desk');
    expect(briefHtml).toContain('Beaten at the station on Friday');
    await eventually(async () =>
      expect((await system.getCase(referralId)).timeline.map((entry) => entry.summary)).toContain(
        'Brief opened by pro-nbo-psy-1 (psychologist)',
      ),
    );
    const openings = (await system.db('intake-service')).collection('brief_openings');
    expect(await openings.countDocuments({ referralId })).toBe(1);

    // Once the assignment is cancelled (here: the referral is withdrawn), the same link opens nothing.
    const withdrawn = await system.fetch(`${system.url('matching-service')}/referrals/${referralId}/withdrawal`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'the family withdrew consent' }),
    });
    expect(withdrawn.status).toBe(202);
    let opened = 1;
    await eventually(async () => {
      const status = (await system.fetch(briefLink)).status;
      if (status === 200) opened++; // still open until the cancellation reaches intake: each opening recorded
      expect(status).toBe(403);
    });
    expect(await openings.countDocuments({ referralId })).toBe(opened);

    // A link altered by one character, or the answer link used as a brief link, opens nothing.
    // (The character changed is the second to last: one in 64 links had it as 'A' already, and "tampered" as itself.)
    const tampered = briefLink.slice(0, -2) + (briefLink.at(-2) === 'A' ? 'B' : 'A') + briefLink.slice(-1);
    expect(tampered).not.toBe(briefLink);
    expect((await system.fetch(tampered)).status).toBe(404);
    expect(
      (await system.fetch(answerLink.replace(/^http:\/\/127\.0\.0\.1:\d+\/links\//, `${system.url('intake-service')}/briefs/`))).status,
    ).toBe(404);
  });
});
