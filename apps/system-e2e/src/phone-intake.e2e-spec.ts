import { as, eventually } from '@haki/testing';
import { HakiSystem, SERVICE_NAMES, type CaseView } from './haki-system';

// Referrals from a basic phone (issue #15): Africa's Talking's USSD callback, one POST per screen with
// the answers so far joined by `*`, answered `CON <screen>` or `END <screen>` in plain text.

/** A death in a police cell last night in Kakuma, burial tomorrow; the family agrees to share and be called. */
const POSTMORTEM_ANSWERS = ['1', '1', 'TUR', 'kakuma', 'Died in police cells', '2', '1', '2', '1', '1', '1'];
const REGISTERED = '+254700000201';
const admin = as('admin');
const networkDesk = as('intake'); // the network's own intake desk: an account with no organisation

const pathologistOffers = (kase: CaseView) => kase.roles.find((role) => role.role === 'forensic-pathologist')?.offers ?? [];
const referenceIn = (screen: string) => /ref (HK-[0-9A-Z]{6})/.exec(screen)?.[1];

describe('referrals from a basic phone by USSD', () => {
  const system = new HakiSystem();
  const intake = () => system.url('intake-service');
  const post = (path: string, body: unknown, caller = admin) =>
    system.fetch(
      `${intake()}${path}`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
      caller,
    );
  /** The referral a phone referrer's reference names, as staff read it (spelt as a referrer might read it out). */
  const referralWithReference = async (reference: string): Promise<Record<string, unknown> & { _id: string }> => {
    const response = await system.fetch(`${intake()}/referrals/by-reference/${reference.toLowerCase().replace('-', ' ')}`);
    expect(response.status).toBe(200);
    const view = (await response.json()) as Record<string, unknown>;
    return { ...view, _id: String(view['referralId']) };
  };
  const itemsOf = async (response: Response) => ((await response.json()) as { items: unknown[] }).items;

  beforeAll(async () => {
    await Promise.all(SERVICE_NAMES.map((service) => system.start(service)));
    expect(
      (await post('/organisations', { id: 'org-lodwar-parish', name: 'Lodwar parish', kind: 'church', county: 'Turkana' })).status,
    ).toBe(201);
    const registered = await post('/referrer-phones', { phone: '0700 000201', organisationId: 'org-lodwar-parish' });
    expect(registered.status).toBe(201);
    expect(await registered.json()).toEqual({ phone: '+254…201', organisationId: 'org-lodwar-parish' });
  });

  afterAll(() => system.stop());

  /** The first test's referral, answered later to show the referrer hears of it. */
  let byUssd: { referralId: string; reference: string } | undefined;
  /** The SMS referral and its case, whose open offers a volunteer holds. */
  let bySms: { referralId: string; kase: CaseView } | undefined;

  it('a registered referrer’s session ends with a reference and reaches an offer, like a web referral', async () => {
    const screens = await system.dialUssd(REGISTERED, 'at-session-1', POSTMORTEM_ANSWERS);
    expect(screens.slice(0, -1).every((screen) => screen.startsWith('CON '))).toBe(true);
    expect(screens.every((screen) => screen.length <= 182)).toBe(true);
    const last = screens.at(-1)!;
    expect(last).toMatch(/^END Thank you\. Haki has your referral, ref HK-[0-9A-Z]{6}\./);
    const referral = await referralWithReference(referenceIn(last)!);
    // The burial "tomorrow" sets the deadline; how urgent that makes it depends on the hour the test runs
    // (tomorrow 08:00 is a day or less away until midnight in Nairobi, more after).
    expect(referral).toMatchObject({ status: 'submitted', channel: 'ussd', rule: 'postmortem-before-burial' });
    expect(['critical', 'urgent']).toContain(referral['urgency']);
    // The same validation, clocks and events as the web form: matching offers it to pathologists.
    const kase = await eventually(async () => {
      const found = await system.getCase(referral._id);
      expect(pathologistOffers(found).length).toBeGreaterThan(0);
      return found;
    });
    expect(kase.status).not.toBe('submitted');
    byUssd = { referralId: referral._id, reference: referenceIn(last)! };
    // Africa's Talking sends the last screen again: the same referral, not a second one.
    const again = await system.ussdScreen(REGISTERED, 'at-session-1', POSTMORTEM_ANSWERS.join('*'));
    expect(referenceIn(again)).toBe(referenceIn(last));
    // One referral, carrying the registered phone's organisation (its staff may read it).
    const referrals = (await system.db('intake-service')).collection('referrals');
    expect(await referrals.countDocuments({ channel: 'ussd', organisationId: 'org-lodwar-parish' })).toBe(1);
    const parish = as('intake', { organisationId: 'org-lodwar-parish' });
    expect((await system.fetch(`${intake()}/referrals/${referral._id}`, {}, parish)).status).toBe(200);
  });

  it('an unknown phone’s referral waits for the desk’s call-back before matching', async () => {
    const stranger = '+254711000333';
    const screens = await system.dialUssd(stranger, 'at-session-2', POSTMORTEM_ANSWERS);
    const reference = referenceIn(screens.at(-1)!)!;
    const referral = await referralWithReference(reference);
    expect(referral).toMatchObject({
      status: 'awaiting-call-back',
      channel: 'ussd',
      waitingFor: expect.stringContaining('call the referrer back'),
    });
    const referralId = referral._id;

    // Nothing went to matching: no case, no offer.
    const list = await system.fetch(`${intake()}/call-backs`, {}, networkDesk);
    expect(await itemsOf(list)).toEqual([
      expect.objectContaining({ referralId, reference, channel: 'ussd', serviceType: 'postmortem', county: 'Turkana' }),
    ]);
    // The number to call back on, for the desk (each look audited); not for another organisation's staff.
    const number = await system.fetch(`${intake()}/referrals/${referralId}/referrer-phone`, {}, networkDesk);
    expect(await number.json()).toEqual({ referralId, phone: stranger });
    expect((await system.fetch(`${system.url('case-service')}/cases/${referralId}`)).status).toBe(404);
    // An organisation's intake account does not see the network desk's call-backs.
    const parish = as('intake', { organisationId: 'org-lodwar-parish' });
    expect(await itemsOf(await system.fetch(`${intake()}/call-backs`, {}, parish))).toEqual([]);
    expect((await system.fetch(`${intake()}/referrals/${referralId}/referrer-phone`, {}, parish)).status).toBe(404);

    // The desk calls the referrer back: genuine. It goes on as any referral, and leaves the list.
    const recorded = await post(`/referrals/${referralId}/call-back`, { outcome: 'genuine', note: 'spoke to the brother' }, networkDesk);
    expect(recorded.status).toBe(200);
    expect(await recorded.json()).toMatchObject({ status: 'submitted', channel: 'ussd', reference });
    // Announced to matching now (the first referral's offers may hold the demo pathologists: it may wait for one).
    await eventually(async () => expect((await system.fetch(`${system.url('case-service')}/cases/${referralId}`)).status).toBe(200));
    expect(await itemsOf(await system.fetch(`${intake()}/call-backs`, {}, networkDesk))).toEqual([]);
    // Recorded once only.
    const twice = await post(`/referrals/${referralId}/call-back`, { outcome: 'genuine' }, networkDesk);
    expect(twice.status).toBe(409);
    expect(((await twice.json()) as { error: { code: string } }).error.code).toBe('REFERRAL.NOT_AWAITING_CALL_BACK');
  });

  it('a hostile number is marked not genuine and never reaches matching; it cannot send more than three a day', async () => {
    const hostile = '+254722000444';
    const references: (string | undefined)[] = [];
    for (let session = 1; session <= 4; session++) {
      const screens = await system.dialUssd(hostile, `at-hostile-${session}`, POSTMORTEM_ANSWERS);
      references.push(referenceIn(screens.at(-1)!));
      if (session === 4) expect(screens.at(-1)).toMatch(/^END Sorry, Haki could not save this referral/);
    }
    expect(references.slice(0, 3).every(Boolean)).toBe(true);
    expect(references[3]).toBeUndefined();
    // The provider sending a saved session's last screen again is no new referral, and not refused as a
    // fourth: it gets its own reference back (while the refused session's answers wait to be continued).
    const again = await system.ussdScreen(hostile, 'at-hostile-3', POSTMORTEM_ANSWERS.join('*'));
    expect(referenceIn(again)).toBe(references[2]);
    const first = await referralWithReference(references[0]!);
    const refused = await post(`/referrals/${first['_id']}/call-back`, { outcome: 'not-genuine' }, networkDesk);
    expect(refused.status).toBe(400); // a not-genuine call-back says why
    const marked = await post(
      `/referrals/${first['_id']}/call-back`,
      { outcome: 'not-genuine', note: 'number unreachable, no such death' },
      networkDesk,
    );
    expect(await marked.json()).toMatchObject({ status: 'withdrawn' });
    expect((await system.fetch(`${system.url('case-service')}/cases/${first['_id']}`)).status).toBe(404);
  });

  it('a dropped session is offered again from the same phone, and continues where it stopped', async () => {
    const phone = '+254733000555';
    const dropped = await system.dialUssd(phone, 'at-session-drop', POSTMORTEM_ANSWERS.slice(0, 5));
    expect(dropped.at(-1)).toMatch(/^CON When did they die\?/);
    const resumed = await system.dialUssd(phone, 'at-session-resume', ['1', ...POSTMORTEM_ANSWERS.slice(5)]);
    expect(resumed[0]).toBe('CON You have an unfinished referral.\n1 Continue it\n2 Start again');
    expect(resumed[1]).toMatch(/^CON When did they die\?/);
    expect(resumed.at(-1)).toMatch(/^END Thank you\. Haki has your referral, ref HK-/);
  });

  /** The texts the recording provider sent to a phone, once there are `count` of them. */
  const textsTo = (phone: string, count: number) =>
    eventually(async () => {
      const texts = await system.messagesTo(phone);
      expect(texts).toHaveLength(count);
      return texts;
    });

  it('a referral by SMS is asked for consent, then answered with its reference, and reaches an offer', async () => {
    const phone = '+254700000202';
    expect((await post('/referrer-phones', { phone, organisationId: 'org-lodwar-parish' })).status).toBe(201);
    await system.textFrom(phone, 'HAKI TORTURE KISUMU AHERO beaten by police yesterday', 'at-sms-1');
    expect((await textsTo(phone, 1))[0]).toMatch(/^Haki: does the family \(or the person harmed\) agree/);
    await system.textFrom(phone, 'yes', 'at-sms-2');
    const received = (await textsTo(phone, 2))[1]!;
    expect(received).toMatch(/^Haki: received, ref HK-[0-9A-Z]{6}\./);
    const referral = await referralWithReference(referenceIn(received)!);
    expect(referral).toMatchObject({ status: 'submitted', channel: 'sms', serviceType: 'torture-documentation', county: 'Kisumu' });
    expect(referral['consent']).toMatchObject({ givenBy: 'next-of-kin', scopes: expect.arrayContaining(['share-with-doctor']) });
    const kase = await eventually(async () => {
      const found = await system.getCase(referral._id);
      expect(found.roles.flatMap((role) => role.offers).length).toBeGreaterThan(0);
      return found;
    });
    bySms = { referralId: referral._id, kase };
  });

  it('a volunteer who refers by SMS answers intake’s question, not their own open offer', async () => {
    const open = bySms!.kase.roles.flatMap((role) => role.offers).find((offer) => offer.status === 'offered')!;
    const volunteer = await system.phoneOfferedTo(open.offerId);
    const before = (await system.messagesTo(volunteer)).length;
    await system.textFrom(volunteer, 'HAKI POSTMORTEM TURKANA KAKUMA died in police cells last night, burial tomorrow', 'at-sms-vol-1');
    expect((await textsTo(volunteer, before + 1)).at(-1)).toMatch(/^Haki: does the family/);
    await system.textFrom(volunteer, 'YES', 'at-sms-vol-2');
    expect((await textsTo(volunteer, before + 2)).at(-1)).toMatch(/^Haki: received, ref HK-/);
    const offer = (await system.getCase(bySms!.referralId)).roles.flatMap((role) => role.offers).find((o) => o.offerId === open.offerId);
    expect(offer?.status).toBe('offered');
  });

  it('an unclear SMS gets one short question at a time; a stranger’s text that starts nothing gets no answer', async () => {
    const stranger = '+254744000666';
    await system.textFrom(stranger, 'hello, is this Haki?', 'at-sms-3');
    await system.textFrom(stranger, 'HAKI help please', 'at-sms-4');
    expect(await textsTo(stranger, 1)).toEqual([
      'Haki: what help is needed? Reply POSTMORTEM, TORTURE, MEDICAL, HELD (held by police now) or LEGAL.',
    ]);
    const answers = ['POSTMORTEM', 'turkana', 'jana usiku', 'ndiyo'];
    for (const [i, answer] of answers.entries()) {
      await system.textFrom(stranger, answer, `at-sms-answer-${i}`);
      await textsTo(stranger, i + 2);
    }
    const texts = await system.messagesTo(stranger);
    expect(texts.slice(1, 4)).toEqual([
      'Haki: in which county did this happen? Reply with its name, e.g. TURKANA.',
      'Haki: when did they die? Reply e.g. TODAY, LAST NIGHT, YESTERDAY or 3 DAYS AGO.',
      expect.stringMatching(/^Haki: does the family/),
    ]);
    expect(texts[4]).toMatch(/^Haki: received, ref HK-[0-9A-Z]{6}\. A Haki worker will call you soon/);
    expect(texts.every((text) => text.length <= 160)).toBe(true);
    // From a number the network does not know: it waits for the desk's call-back, as by USSD.
    expect(await referralWithReference(referenceIn(texts[4]!)!)).toMatchObject({ status: 'awaiting-call-back', channel: 'sms' });
    // The SMS were kept sealed: neither the number nor the words are readable in notification's store.
    const inbound = await (await system.db('notification-service')).collection('inbound_messages').find({ readAs: 'referral' }).toArray();
    expect(JSON.stringify(inbound)).not.toMatch(/help please|744000666|AHERO/i);
  });

  it('tells a phone referrer by SMS that a professional accepted, with the reference and nothing else', async () => {
    const { referralId, reference } = byUssd!;
    const offer = pathologistOffers(await system.getCase(referralId))[0]!;
    expect((await system.respond(offer.offerId, 'accept')).status).toBeLessThan(300);
    const told = await eventually(async () => {
      const texts = (await system.messagesTo(REGISTERED)).filter((text) => text.includes('accepted'));
      expect(texts).toHaveLength(1);
      return texts[0]!;
    });
    expect(told).toBe(`Haki: a volunteer professional has accepted your referral ${reference}. Haki will keep in touch on this number.`);
  });

  it('answers 404 to a callback without the secret path', async () => {
    await expect(system.dialUssd('+254700000201', 'at-probe', [], 'not-the-secret')).rejects.toThrow(/answered 404/);
  });
});
