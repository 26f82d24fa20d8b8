import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { as, eventually, type Principal } from '@haki/testing';
import { HakiSystem, manderaTortureDocumentation, SERVICE_NAMES, turkanaPostmortem, type CaseView } from './haki-system';

interface CaseDetail extends CaseView {
  outcome?: string;
  nextSteps: string[];
  sla: { state: string; clocks: { milestone: string; dueAt: string; metAt?: string }[] };
  checklist?: {
    protocol: string;
    missing: string[];
    items: { id: string; state?: string; value?: string; note?: string; by?: { subject: string } }[];
  };
  notes: { text: string; by: string }[];
  evidence: {
    evidenceId: string;
    file?: { sha256: string; size: number; mediaType: string };
    custody: { action: string; to?: string; intact?: boolean }[];
  }[];
}

/** A case taken from referral to closure by the people working it, on the four services. */
describe('case work: lifecycle, protocol checklists, evidence, outcome', () => {
  const system = new HakiSystem();
  const ops = as('ops');
  const caseUrl = (caseId: string, path = '') => `${system.url('case-service')}/cases/${caseId}${path}`;
  const send = (method: string, url: string, body: unknown, caller: Principal = ops) =>
    system.fetch(url, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, caller);
  const read = async (caseId: string, caller: Principal = ops) =>
    (await (await system.fetch(caseUrl(caseId), {}, caller)).json()) as CaseDetail;

  beforeAll(async () => {
    await Promise.all(SERVICE_NAMES.map((service) => system.start(service)));
  });
  afterAll(() => system.stop());

  /** Submits a referral, accepts the lead role's first offer, waits for the case to be assigned; the lead volunteer as a caller. */
  async function assignedCase(
    body: Record<string, unknown>,
    leadRole: string,
  ): Promise<{ caseId: string; volunteer: Principal; offerId: string }> {
    const { referralId } = await system.submitReferral(body);
    const offer = await eventually(async () => {
      const first = (await system.getCase(referralId)).roles.find((role) => role.role === leadRole)!.offers[0];
      expect(first).toBeDefined();
      return first!;
    });
    expect((await system.respond(offer.offerId, 'accept')).status).toBe(202);
    await eventually(async () => expect((await read(referralId)).status).toBe('assigned'));
    return { caseId: referralId, volunteer: as('professional', { professionalId: offer.professionalId! }), offerId: offer.offerId };
  }

  it('takes torture documentation through the Istanbul Protocol and its evidence to closure; matching frees the volunteer', async () => {
    const { caseId, volunteer, offerId } = await assignedCase(manderaTortureDocumentation(), 'clinician');

    // Not yet: the report cannot be delivered before work starts; the 409 names where the case is.
    const early = await send('POST', caseUrl(caseId, '/status'), { to: 'report-delivered' }, volunteer);
    expect(early.status).toBe(409);
    expect(await early.json()).toMatchObject({
      error: { code: 'CASE.TRANSITION_NOT_ALLOWED', message: expect.stringContaining('the case is assigned') },
    });

    // The volunteer arrives: the case is in progress and matching makes the assignment active.
    const started = await send('POST', caseUrl(caseId, '/status'), { to: 'in-progress' }, volunteer);
    expect(started.status).toBe(200);
    expect(((await started.json()) as CaseDetail).nextSteps).toEqual(['report-in-preparation']); // a volunteer does not close
    const decisions = (await system.db('matching-service')).collection('referral_decisions');
    await eventually(async () => {
      const decision = await decisions.findOne({ _id: caseId as never });
      expect(
        (decision!['policy'] as { offers: { offerId: string; status: string }[] }).offers.find((o) => o.offerId === offerId)!.status,
      ).toBe('active');
    });

    // The Istanbul Protocol, item by item; the interpretation needs its degree of consistency.
    const item = (id: string, body: unknown) => send('PUT', caseUrl(caseId, `/checklist/${id}`), body, volunteer);
    expect((await item('interpretation-of-findings', { state: 'done' })).status).toBe(400);
    for (const id of ['informed-consent', 'history', 'physical-examination', 'psychological-evaluation']) {
      expect((await item(id, { state: 'done', note: `${id} recorded at the Mandera sub-county hospital` })).status).toBe(200);
    }
    expect((await item('interpretation-of-findings', { state: 'done', value: 'highly-consistent' })).status).toBe(200);
    expect((await item('no-such-item', { state: 'done' })).status).toBe(400);

    // A photograph of the bruising: registered, uploaded, its hash computed on receipt.
    const photo = randomBytes(64 * 1024);
    // Registered with an Idempotency-Key: the retry of a lost answer gets the same record, not a second one.
    const register = () =>
      system.fetch(
        caseUrl(caseId, '/evidence'),
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': 'photo-wrist-0001' },
          body: JSON.stringify({ evidenceType: 'photo', description: 'Bruising, left wrist' }),
        },
        volunteer,
      );
    const registered = await register();
    expect(registered.status).toBe(201);
    const { evidenceId } = (await registered.json()) as { evidenceId: string };
    expect(await (await register()).json()).toEqual({ evidenceId });
    const upload = () =>
      system.fetch(
        caseUrl(caseId, `/evidence/${evidenceId}/content`),
        { method: 'PUT', headers: { 'content-type': 'image/jpeg' }, body: photo },
        volunteer,
      );
    const uploaded = await upload();
    expect(uploaded.status).toBe(200);
    expect(await uploaded.json()).toMatchObject({ sha256: createHash('sha256').update(photo).digest('hex'), size: photo.length });
    expect((await upload()).status).toBe(200); // a retry over a patchy line changes nothing
    // Stored encrypted: the file on disk is not the photograph.
    const stored = join(system.evidenceDir, caseId, evidenceId);
    expect(readFileSync(stored).includes(photo.subarray(0, 64))).toBe(false);
    const download = await system.fetch(caseUrl(caseId, `/evidence/${evidenceId}/content`), {}, ops);
    expect(Buffer.from(await download.arrayBuffer()).equals(photo)).toBe(true);
    expect(download.headers.get('content-type')).toBe('image/jpeg');
    // Intake staff never get a file, even of their own organisation's case.
    expect((await system.fetch(caseUrl(caseId, `/evidence/${evidenceId}/content`), {}, as('intake', { organisationId: 'x' }))).status).toBe(
      403,
    );
    const verify = async () =>
      (await (await send('POST', caseUrl(caseId, `/evidence/${evidenceId}/verification`), {})).json()) as {
        intact: boolean;
        problem?: string;
      };
    expect(await verify()).toMatchObject({ intact: true });
    expect(
      (await send('POST', caseUrl(caseId, `/evidence/${evidenceId}/custody`), { action: 'handed-over', to: 'IPOA investigator, Mandera' }))
        .status,
    ).toBe(201);

    // Someone alters the stored file: verification says so, and the custody log keeps it.
    const bytes = readFileSync(stored);
    bytes[bytes.length - 1]! ^= 0xff;
    writeFileSync(stored, bytes);
    expect(await verify()).toMatchObject({ intact: false, problem: expect.stringContaining('altered') });
    expect((await system.fetch(caseUrl(caseId, `/evidence/${evidenceId}/content`), {}, ops)).status).toBe(422);
    expect(readdirSync(join(system.evidenceDir, caseId))).toEqual([evidenceId]);

    // The report, then closure by ops with the outcome; the volunteer's assignment completes.
    expect((await item('report', { state: 'done' })).status).toBe(200);
    expect((await send('POST', caseUrl(caseId, '/status'), { to: 'report-in-preparation' }, volunteer)).status).toBe(200);
    expect((await send('POST', caseUrl(caseId, '/status'), { to: 'report-delivered' }, volunteer)).status).toBe(200);
    expect((await send('POST', caseUrl(caseId, '/status'), { to: 'closed', outcome: 'report-delivered-to-court' }, volunteer)).status).toBe(
      403,
    );
    const note = () =>
      system.fetch(
        caseUrl(caseId, '/notes'),
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': 'note-court-0001' },
          body: JSON.stringify({ text: 'Report filed with the Mandera law courts.' }),
        },
        ops,
      );
    expect((await note()).status).toBe(201);
    expect((await note()).status).toBe(201); // the same note once: detail.notes below holds one
    const closed = await send('POST', caseUrl(caseId, '/status'), { to: 'closed', outcome: 'report-delivered-to-court' });
    expect(closed.status).toBe(200);
    const detail = (await closed.json()) as CaseDetail;
    expect(detail).toMatchObject({ status: 'closed', outcome: 'report-delivered-to-court', nextSteps: [] });
    expect(detail.checklist!.missing).toEqual([]);
    expect(detail.checklist!.items.find((i) => i.id === 'history')!.note).toBe('history recorded at the Mandera sub-county hospital');
    expect(detail.notes.map((note) => note.text)).toEqual(['Report filed with the Mandera law courts.']);
    // A file that failed to open was not viewed: the refused download is not on the log.
    expect(detail.evidence).toHaveLength(1);
    expect(detail.evidence[0]!.custody.map((record) => record.action)).toEqual([
      'received',
      'viewed',
      'verified',
      'handed-over',
      'verified',
    ]);
    expect(detail.evidence[0]!.custody.map((record) => record.intact)).toEqual([undefined, undefined, true, undefined, false]);
    expect(detail.sla.clocks.map((clock) => clock.milestone)).toEqual(['first-offer', 'acceptance', 'on-site', 'report']);
    expect(detail.sla.clocks.every((clock) => clock.metAt)).toBe(true);
    await eventually(async () => {
      const kase = await system.getCase(caseId);
      expect(kase.roles.find((role) => role.role === 'clinician')!.offers.find((offer) => offer.offerId === offerId)!.status).toBe(
        'completed',
      );
    });
    // Nothing moves a closed case; sealed at rest: the note is not in the database in clear.
    const reopened = await send('POST', caseUrl(caseId, '/status'), { to: 'in-progress' });
    expect(reopened.status).toBe(409);
    expect(((await reopened.json()) as { error: { message: string } }).error.message).toMatch(/the case is closed/);
    const slots = (await system.db('case-service')).collection('case_timeline_slots');
    expect(JSON.stringify(await slots.find({ _id: { $regex: `^${caseId}/` } as never }).toArray())).not.toContain('Mandera law courts');
  });

  it('closes a postmortem with Minnesota Protocol items open only with a reason, and lists and reports it', async () => {
    const { caseId } = await assignedCase(turkanaPostmortem(), 'forensic-pathologist');
    expect((await read(caseId)).checklist!.protocol).toMatch(/Minnesota/);
    const unreachable = { to: 'closed', outcome: 'survivor-unreachable' };
    const refused = await send('POST', caseUrl(caseId, '/status'), unreachable);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({
      error: { code: 'CASE.CHECKLIST_INCOMPLETE', message: expect.stringContaining('family-informed') },
    });
    const bad = await send('POST', caseUrl(caseId, '/status'), { to: 'closed' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { fields: [{ field: 'outcome' }] } });
    expect(
      (
        await send('POST', caseUrl(caseId, '/status'), {
          ...unreachable,
          missingItemsReason: 'the family stopped answering; body released by police',
        })
      ).status,
    ).toBe(200);

    const listed = await eventually(async () => {
      const response = await system.fetch(`${system.url('case-service')}/cases?status=closed&county=turkana`, {}, ops);
      const list = (await response.json()) as {
        cases: { caseId: string; outcome: string }[];
        counts: { byStatus: Record<string, number> };
      };
      expect(list.cases.map((row) => row.caseId)).toContain(caseId);
      return list;
    });
    expect(listed.cases.find((row) => row.caseId === caseId)!.outcome).toBe('survivor-unreachable');
    const report = (await (await system.fetch(`${system.url('case-service')}/cases/outcomes`, {}, ops)).json()) as {
      groups: { county: string; outcome: string; cases: number }[];
    };
    expect(report.groups).toContainEqual(
      expect.objectContaining({ county: 'Turkana', serviceType: 'postmortem', outcome: 'survivor-unreachable', cases: 1 }),
    );
    expect(JSON.stringify(report)).not.toContain(caseId);
    // The volunteer lists only their own cases; intake only their organisation's.
    const other = as('professional', { professionalId: 'nobody-here' });
    expect(
      ((await (await system.fetch(`${system.url('case-service')}/cases?status=closed`, {}, other)).json()) as { cases: unknown[] }).cases,
    ).toEqual([]);
    expect((await system.fetch(caseUrl(caseId), {}, other)).status).toBe(404);
  });

  it('takes a postmortem after a death in custody through the Minnesota Protocol to the report delivered to the family', async () => {
    const { caseId, volunteer, offerId } = await assignedCase(turkanaPostmortem(), 'forensic-pathologist');
    // A progress report to matching counts as work started: the case follows.
    expect(
      (
        await system.fetch(`${system.url('matching-service')}/offers/${offerId}/progress`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        })
      ).status,
    ).toBe(202);
    await eventually(async () => expect((await read(caseId, volunteer)).status).toBe('in-progress'));
    const item = (id: string, body: unknown) => send('PUT', caseUrl(caseId, `/checklist/${id}`), body, volunteer);
    for (const id of ['family-informed', 'body-not-released', 'sample-custody', 'report'])
      expect((await item(id, { state: 'done' })).status).toBe(200);
    expect((await item('family-pathologist-present', { state: 'not-applicable' })).status).toBe(400); // why not?
    expect((await item('family-pathologist-present', { state: 'not-applicable', note: 'the family declined to appoint one' })).status).toBe(
      200,
    );
    for (const to of ['report-in-preparation', 'report-delivered'])
      expect((await send('POST', caseUrl(caseId, '/status'), { to }, volunteer)).status).toBe(200);
    const closed = (await (
      await send('POST', caseUrl(caseId, '/status'), { to: 'closed', outcome: 'report-delivered-to-family' })
    ).json()) as CaseDetail;
    expect(closed).toMatchObject({ status: 'closed', outcome: 'report-delivered-to-family' });
    expect(closed.checklist!.missing).toEqual([]);
    expect(closed.checklist!.items.find((i) => i.id === 'family-pathologist-present')).toMatchObject({
      state: 'not-applicable',
      note: 'the family declined to appoint one',
    });
    // The volunteer still reads the case they did, and it is on their own list.
    expect((await read(caseId, volunteer)).status).toBe('closed');
    const mine = (await (await system.fetch(`${system.url('case-service')}/cases?status=closed`, {}, volunteer)).json()) as {
      cases: { caseId: string }[];
    };
    expect(mine.cases.map((row) => row.caseId)).toContain(caseId);
  });
});
