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
    const response = await fetch(`${system.url('intake-service')}/referrals`, {
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
      fetch(`${system.url('intake-service')}/referrals`, {
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
    const other = await post({ ...legalAid, county: 'Kakamega' });
    expect(other.status).toBe(409);
    expect(((await other.json()) as { error: { fields: { field: string }[] } }).error.fields[0]!.field).toBe('Idempotency-Key');
    const intake = await system.db('intake-service');
    expect(await intake.collection('referrals').countDocuments({ idempotencyKey: 'client:church-form-000042' })).toBe(1);
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
