import { eventually } from '@haki/testing';
import { HakiSystem, SERVICE_NAMES, TURKANA_POSTMORTEM } from './haki-system';

describe('a referral through all four services', () => {
  const system = new HakiSystem();

  beforeAll(async () => {
    await Promise.all(SERVICE_NAMES.map((service) => system.start(service)));
  });

  afterAll(() => system.stop());

  it('goes from POST /referrals to parallel offers for the whole team, each with its SMS, on the case', async () => {
    const { referralId } = await system.submitReferral(TURKANA_POSTMORTEM);

    const kase = await eventually(async () => {
      const current = await system.getCase(referralId);
      const offers = current.roles.flatMap((role) => role.offers);
      expect(current.roles.map((role) => role.role)).toEqual(['forensic-pathologist', 'advocate']);
      expect(current.roles[0]!.offers).toHaveLength(3); // critical: three pathologists at once
      expect(current.timeline.filter((entry) => entry.type === 'notification.dispatched')).toHaveLength(offers.length);
      return current;
    });
    expect(kase.status).toBe('offered');
    // Nearest forensic pathologist to Lodwar in the demo roster is in Eldoret.
    expect(kase.roles[0]!.offers[0]!.professionalId).toBe('pro-eld-path-1');
    expect(kase.timeline.find((entry) => entry.summary.startsWith('Offered to pro-eld-path-1'))!.summary).toMatch(/by road from Eldoret/);
    expect(JSON.stringify(kase)).not.toContain('Ekai');

    const sms = await (await system.db('notification-service')).collection('recorded_messages').find().toArray();
    expect(sms).toHaveLength(kase.roles.flatMap((role) => role.offers).length);
    for (const message of sms) {
      expect(message['text']).toMatch(/^Haki: URGENT postmortem request, Turkana County\. Reply YES \d{4}/);
      expect(message['text']).not.toContain('Ekai');
    }

    const stored = await (await system.db('intake-service')).collection('referrals').findOne({ _id: referralId as never });
    expect(JSON.stringify(stored)).not.toContain('Ekai');
    expect(stored!['outbox']).toEqual([]);
  });

  it('answers bad input with 400 naming each field and stores nothing', async () => {
    const response = await system.fetch(`${system.url('intake-service')}/referrals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...TURKANA_POSTMORTEM, urgency: 'soon', county: 'Atlantis', subject: {} }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; fields: { field: string }[] } };
    expect(body.error.code).toBe('REFERRAL.INVALID');
    expect(body.error.fields.map((f) => f.field).sort()).toEqual(['county', 'subject.name', 'urgency']);
    expect(await (await system.db('intake-service')).collection('referrals').countDocuments()).toBe(1);
  });

  it('turns a retried POST with the same Idempotency-Key into the same referral, and refuses the key for another', async () => {
    const legalAid = { ...TURKANA_POSTMORTEM, serviceType: 'legal-aid', urgency: 'normal', county: 'Kisumu' };
    const post = (body: object) =>
      system.fetch(`${system.url('intake-service')}/referrals`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'church-form-000042' },
        body: JSON.stringify(body),
      });
    const first = await post(legalAid);
    expect(first.status).toBe(201);
    const { referralId } = (await first.json()) as { referralId: string };
    const retry = await post(legalAid);
    expect(retry.status).toBe(200);
    expect(await retry.json()).toMatchObject({ referralId, duplicate: true });
    // The same referral with its fields in another order (another client's JSON) is the same referral.
    const reordered = Object.fromEntries(Object.entries(legalAid).reverse());
    expect(await (await post(reordered)).json()).toMatchObject({ referralId, duplicate: true });
    const other = await post({ ...legalAid, county: 'Kakamega' });
    expect(other.status).toBe(409);
    expect(((await other.json()) as { error: { fields: { field: string }[] } }).error.fields[0]!.field).toBe('Idempotency-Key');
    const intake = await system.db('intake-service');
    expect(await intake.collection('referrals').countDocuments({ idempotencyKey: 'client:supervisor-test:church-form-000042' })).toBe(1);
  });

  it('takes JSON only, in valid UTF-8, and says nothing about its server', async () => {
    const intake = `${system.url('intake-service')}/referrals`;
    const before = await (await system.db('intake-service')).collection('referrals').countDocuments();
    // A cross-site HTML form posts urlencoded: refused before anything is read into a referral.
    const form = await system.fetch(intake, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'serviceType=postmortem&urgency=critical&county=Turkana&subject[name]=X&referrer[name]=Y',
    });
    expect(form.status).toBe(415);
    expect(((await form.json()) as { error: { code: string } }).error.code).toBe('HTTP.UNSUPPORTED_MEDIA_TYPE');
    // "café" with the é as one Latin-1 byte (0xE9): not UTF-8, and a parser would quietly make it U+FFFD.
    const [head, tail] = JSON.stringify({ ...TURKANA_POSTMORTEM, narrative: 'caf#' }).split('#');
    const invalid = Buffer.concat([Buffer.from(head!), Buffer.from([0xe9]), Buffer.from(tail!)]);
    const badBytes = await system.fetch(intake, { method: 'POST', headers: { 'content-type': 'application/json' }, body: invalid });
    expect(badBytes.status).toBe(400);
    expect(((await badBytes.json()) as { error: { message: string } }).error.message).toContain('UTF-8');
    expect(badBytes.headers.get('x-powered-by')).toBeNull();
    const farDeadline = await system.fetch(intake, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...TURKANA_POSTMORTEM, deadline: '9999-12-31T23:59:59-01:00' }),
    });
    expect(farDeadline.status).toBe(400);
    expect(await (await system.db('intake-service')).collection('referrals').countDocuments()).toBe(before);
  });

  it('shuts every service down cleanly on SIGTERM', async () => {
    const exits = await Promise.all(
      [...system.running.values()].map(async (service) => {
        service.process.kill('SIGTERM');
        return { name: service.name, ...(await service.exited) };
      }),
    );
    expect(exits).toEqual(expect.arrayContaining(SERVICE_NAMES.map((name) => ({ name, code: 0, signal: null }))));
  });
});
