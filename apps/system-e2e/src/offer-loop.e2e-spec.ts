import { eventually } from '@haki/testing';
import { HakiSystem, SERVICE_NAMES, turkanaPostmortem, type CaseView } from './haki-system';

const offersOf = (kase: CaseView, role: string) => kase.roles.find((candidate) => candidate.role === role)!.offers;

/** The whole loop through the four services: offers go out, answers come back, the policy moves on. */
describe('the offer loop', () => {
  const system = new HakiSystem();

  beforeAll(async () => {
    await Promise.all(SERVICE_NAMES.map((service) => system.start(service)));
  });

  afterAll(() => system.stop());

  it('fills a critical postmortem team: first pathologist to accept wins, the others are told and freed', async () => {
    const { referralId } = await system.submitReferral(turkanaPostmortem());
    const offered = await eventually(async () => {
      const kase = await system.getCase(referralId);
      expect(offersOf(kase, 'forensic-pathologist')).toHaveLength(3);
      expect(offersOf(kase, 'advocate').length).toBeGreaterThanOrEqual(2);
      return kase;
    });
    const [eldoret, ...otherPathologists] = offersOf(offered, 'forensic-pathologist');
    const [firstAdvocate, secondAdvocate] = offersOf(offered, 'advocate');

    expect((await system.respond(eldoret!.offerId, 'accept')).status).toBe(202);
    expect((await system.respond(firstAdvocate!.offerId, 'decline', 'in court all week')).status).toBe(202);
    await eventually(async () => {
      const kase = await system.getCase(referralId);
      expect(offersOf(kase, 'forensic-pathologist').map((offer) => offer.status)).toEqual(['confirmed', 'cancelled', 'cancelled']);
      expect(offersOf(kase, 'advocate')[0]!.status).toBe('declined');
    });
    expect((await system.respond(secondAdvocate!.offerId, 'accept')).status).toBe(202);

    const assigned = await eventually(async () => {
      const kase = await system.getCase(referralId);
      expect(kase.roles.map((role) => role.status)).toEqual(['confirmed', 'confirmed']);
      return kase;
    });
    expect(assigned.matchingStatus).toBe('assigned');
    const steps = assigned.timeline.map((entry) => entry.type);
    for (const step of ['assignment.offered', 'assignment.responded', 'assignment.confirmed', 'assignment.cancelled']) {
      expect(steps).toContain(step);
    }

    // Once both report they are on it (ops record it from a phone call), the referral is assigned for good.
    for (const offer of [eldoret!, secondAdvocate!]) {
      const reported = await system.fetch(`${system.url('matching-service')}/offers/${offer.offerId}/progress`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ note: 'on site' }),
      });
      expect(reported.status).toBe(202);
    }
    const decisions = (await system.db('matching-service')).collection('referral_decisions');
    await eventually(async () => expect((await decisions.findOne({ _id: referralId as never }))!['status']).toBe('assigned'));
    await eventually(async () => expect(offersOf(await system.getCase(referralId), 'forensic-pathologist')[0]!.status).toBe('in-progress'));

    // A late "yes" from a pathologist whose offer was cancelled gets a clear answer and changes nothing.
    const late = await system.respond(otherPathologists[0]!.offerId, 'accept');
    expect(late.status).toBe(409);
    expect(await late.json()).toMatchObject({ error: { code: 'OFFER.NOT_OPEN', message: expect.stringContaining('cancelled') } });

    // Capacity: the two confirmed volunteers hold this referral's only slots.
    const slots = await (await system.db('matching-service')).collection('capacity_slots').find({ referralId }).toArray();
    expect(slots.map((slot) => slot['professionalId']).sort()).toEqual([eldoret!.professionalId, secondAdvocate!.professionalId].sort());

    // Every volunteer hears what became of their offer: confirmed, or no longer needed.
    const texts = await eventually(async () => {
      const messages = await (await system.db('notification-service')).collection('recorded_messages').find().toArray();
      const all = messages.map((message) => String(message['text']));
      expect(all.filter((text) => text.startsWith('Haki: confirmed'))).toHaveLength(2);
      expect(all.filter((text) => text.includes('no longer needed'))).toHaveLength(2);
      return all;
    });
    expect(texts.join('\n')).not.toContain('Ekai');
  });

  it('withdraws a referral: every offer is cancelled, the volunteers are told, and every slot is freed', async () => {
    const { referralId } = await system.submitReferral({ ...turkanaPostmortem(), county: 'Marsabit' });
    const offered = await eventually(async () => {
      const kase = await system.getCase(referralId);
      expect(kase.roles.flatMap((role) => role.offers).length).toBeGreaterThan(0);
      return kase;
    });
    const withdraw = () =>
      system.fetch(`${system.url('matching-service')}/referrals/${referralId}/withdrawal`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ reason: 'the family found a pathologist themselves' }),
      });
    expect((await withdraw()).status).toBe(202);

    const withdrawn = await eventually(async () => {
      const kase = await system.getCase(referralId);
      expect(kase.matchingStatus).toBe('withdrawn');
      expect(kase.roles.flatMap((role) => role.offers).every((offer) => offer.status === 'cancelled')).toBe(true);
      return kase;
    });
    const offers = withdrawn.roles.flatMap((role) => role.offers);
    expect(offers.length).toBeGreaterThanOrEqual(offered.roles.flatMap((role) => role.offers).length);
    expect(offers.every((offer) => offer.reason === 'withdrawn')).toBe(true);
    // Each volunteer who had an offer is told it is no longer needed.
    const notifications = (await system.db('notification-service')).collection('notifications');
    const notices = offers.map((offer) => `sms:cancelled:${offer.offerId}` as never);
    await eventually(async () => expect(await notifications.countDocuments({ _id: { $in: notices }, status: 'sent' })).toBe(offers.length));
    const matching = await system.db('matching-service');
    await eventually(async () => expect(await matching.collection('capacity_slots').countDocuments({ referralId })).toBe(0));
    await eventually(async () => {
      const decision = await matching.collection('referral_decisions').findOne({ _id: referralId as never });
      expect(decision!['status']).toBe('withdrawn');
    });
    const again = await withdraw();
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: 'REFERRAL.ALREADY_WITHDRAWN' } });
  });

  it('takes a new volunteer with contact details in one action: notification can reach them, matching keeps no phone', async () => {
    const added = await system.fetch(`${system.url('matching-service')}/professionals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id: 'pro-gar-clin-9',
        roles: ['clinician'],
        homeTown: 'Garissa',
        homeCounty: 'Garissa',
        maxTravelKm: 300,
        capacity: 2,
        languages: ['Somali', 'Kiswahili'],
        credentials: [{ kind: 'practising-certificate', expiresOn: '2030-01-31' }],
        contact: { phone: '+254700555444', email: 'clin9@example.org' },
      }),
    });
    expect(added.status).toBe(201);
    expect(await added.json()).toMatchObject({ id: 'pro-gar-clin-9', languages: ['so', 'sw'], active: true });
    // Notification has their number (sealed at rest): a text from it is recognised and answered.
    const contacts = (await system.db('notification-service')).collection('contacts');
    await eventually(async () =>
      expect(await contacts.findOne({ _id: 'pro-gar-clin-9' as never })).toMatchObject({ sealed: expect.anything() }),
    );
    expect(JSON.stringify(await contacts.findOne({ _id: 'pro-gar-clin-9' as never }))).not.toContain('555444');
    expect((await system.textFrom('+254700555444', 'BACK', 'offer-loop-back-1')).status).toBe(200);
    await eventually(async () => expect((await system.messagesTo('+254700555444')).join('\n')).toContain('welcome back'));
    const stored = await (await system.db('matching-service')).collection('professionals').findOne({ _id: 'pro-gar-clin-9' as never });
    expect(JSON.stringify(stored)).not.toContain('+254700555444');
  });

  it('refuses an answer to an unknown offer, and a malformed one, naming the problem', async () => {
    const unknown = await system.respond('no-such-referral:1', 'accept');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'OFFER.NOT_FOUND' } });
    const malformed = await system.fetch(`${system.url('matching-service')}/offers/x:1/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response: 'maybe' }),
    });
    expect(malformed.status).toBe(400);
    const body = (await malformed.json()) as { error: { code: string; fields: { field: string }[] } };
    expect(body.error.code).toBe('OFFER.INVALID_RESPONSE');
    expect(body.error.fields.map((field) => field.field).sort()).toEqual(['response']);
  });
});

/** The same policy with its clock sped up by configuration: offers expire, the search widens, then ops are told. */
describe('the offer loop when nobody answers', () => {
  const system = new HakiSystem();

  beforeAll(async () => {
    // 0.002: a critical offer lasts 1.8 s instead of 15 min, the search window 14.4 s instead of 2 h.
    await Promise.all(SERVICE_NAMES.map((service) => system.start(service, { POLICY_TIME_SCALE: '0.002' })));
  });

  afterAll(() => system.stop());

  it('lets unanswered offers expire, moves on, escalates to ops and frees every slot', async () => {
    const { referralId } = await system.submitReferral(turkanaPostmortem());
    const escalated = await eventually(
      async () => {
        const kase = await system.getCase(referralId);
        expect(kase.matchingStatus).toBe('escalated');
        return kase;
      },
      { timeoutMs: 60_000 },
    );
    const pathologistOffers = offersOf(escalated, 'forensic-pathologist');
    expect(pathologistOffers.length).toBeGreaterThan(3); // a second round after the first expired
    expect(pathologistOffers.some((offer) => offer.status === 'expired')).toBe(true);
    const professionals = pathologistOffers.map((offer) => offer.professionalId);
    expect(new Set(professionals).size).toBe(professionals.length); // nobody asked twice
    expect(escalated.timeline.map((entry) => entry.type)).toContain('referral.escalated');

    await eventually(async () => {
      const slots = await (await system.db('matching-service')).collection('capacity_slots').countDocuments({ referralId });
      expect(slots).toBe(0);
    });

    // Withdrawing it now would change nothing: said so, not accepted.
    const withdrawal = await system.fetch(`${system.url('matching-service')}/referrals/${referralId}/withdrawal`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'duplicate' }),
    });
    expect(withdrawal.status).toBe(409);
    expect(await withdrawal.json()).toMatchObject({ error: { code: 'REFERRAL.ALREADY_ENDED' } });

    // Ops find it in their list, pick someone from the ranking and assign them by hand; the work is then done.
    const matching = system.url('matching-service');
    const attention = (await (await system.fetch(`${matching}/referrals/attention?reason=escalated&urgency=critical`)).json()) as {
      items: { referralId: string; reasons: string[]; unfilledRoles: string[] }[];
    };
    expect(attention.items.find((item) => item.referralId === referralId)).toMatchObject({
      reasons: expect.arrayContaining(['escalated', 'unfilled-role']),
      unfilledRoles: expect.arrayContaining(['forensic-pathologist']),
    });
    const { candidates } = (await (
      await system.fetch(`${matching}/referrals/${referralId}/candidates?role=forensic-pathologist`)
    ).json()) as {
      candidates: { professionalId: string; summary: string }[];
    };
    expect(candidates[0]!.summary).toMatch(/by road/);
    const assign = (body: Record<string, string>) =>
      system.fetch(`${matching}/referrals/${referralId}/assignments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ role: 'forensic-pathologist', ...body }),
      });
    const clinician = await assign({ professionalId: 'pro-nbo-clin-1' });
    expect(clinician.status).toBe(409);
    expect(await clinician.json()).toMatchObject({ error: { code: 'ASSIGNMENT.UNAVAILABLE', message: expect.stringContaining('role') } });
    expect((await assign({ professionalId: candidates[0]!.professionalId })).status).toBe(202);

    const assigned = await eventually(async () => {
      const kase = await system.getCase(referralId);
      const offer = offersOf(kase, 'forensic-pathologist').find((candidate) => candidate.status === 'confirmed');
      expect(offer).toMatchObject({ professionalId: candidates[0]!.professionalId, explanation: 'assigned by ops (supervisor-test)' });
      return offer!;
    });
    const complete = await system.fetch(`${matching}/offers/${assigned.offerId}/completion`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ note: 'report filed' }),
    });
    expect(complete.status).toBe(202);
    await eventually(async () => {
      const kase = await system.getCase(referralId);
      expect(offersOf(kase, 'forensic-pathologist').find((offer) => offer.offerId === assigned.offerId)!.status).toBe('completed');
      expect(kase.roles.find((role) => role.role === 'forensic-pathologist')!.status).toBe('completed');
    });
    const slots = (await system.db('matching-service')).collection('capacity_slots');
    await eventually(async () => expect(await slots.countDocuments({ referralId })).toBe(0));
    // No offer SMS for an assignment agreed by phone: a confirmation, then thanks.
    const sms = (await system.db('notification-service')).collection('notifications');
    await eventually(async () => {
      const sent = await sms.find({ offerId: assigned.offerId }).toArray();
      expect(Object.fromEntries(sent.map((n) => [`${n['channel']}:${n['purpose']}`, n['status']]))).toEqual({
        'sms:offer': 'not-needed',
        'sms:confirmed': 'sent',
        'email:confirmed': 'not-needed', // no SMTP server in this deployment
        'sms:completed': 'sent',
      });
    });
  });
});
