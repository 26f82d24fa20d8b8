import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { as, eventually, freePort } from '@haki/testing';
import { formatNairobiTime } from '@haki/vocabulary';
import { HakiSystem, SERVICE_NAMES, turkanaPostmortem, legalAid, type ServiceName } from './haki-system';

/** The sum of a series' samples whose labels include all of `labels`, from a Prometheus text exposition. */
function sample(exposition: string, name: string, labels: Record<string, string>): number {
  return exposition
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`)))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

describe('a referral through all four services', () => {
  const system = new HakiSystem();
  const metricsPorts = new Map<ServiceName, number>();
  const scrape = async (service: ServiceName) => {
    const response = await fetch(`http://127.0.0.1:${metricsPorts.get(service)}/metrics`);
    expect(response.status).toBe(200);
    return response.text();
  };

  beforeAll(async () => {
    for (const service of SERVICE_NAMES) metricsPorts.set(service, await freePort());
    await Promise.all(SERVICE_NAMES.map((service) => system.start(service, { METRICS_PORT: String(metricsPorts.get(service)) })));
  });

  afterAll(() => system.stop());

  it('goes from POST /referrals to parallel offers for the whole team, each with its SMS, on the case', async () => {
    const { referralId } = await system.submitReferral(turkanaPostmortem());

    const kase = await eventually(async () => {
      const current = await system.getCase(referralId);
      const offers = current.roles.flatMap((role) => role.offers);
      expect(current.roles.map((role) => role.role)).toEqual(['forensic-pathologist', 'advocate']);
      expect(current.roles[0]!.offers).toHaveLength(3); // critical: three pathologists at once
      expect(current.timeline.filter((entry) => entry.type === 'notification.dispatched')).toHaveLength(offers.length);
      return current;
    });
    expect(kase.matchingStatus).toBe('offered');
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

  it('every service serves Prometheus metrics on its own port, not on its API, and they move with the work', async () => {
    const consumed = (topic: string) => ({ topic, outcome: 'handled' });
    const watched: [ServiceName, string, Record<string, string>][] = [
      ['intake-service', 'haki_http_requests_total', { method: 'POST', route: '/referrals', status: '201' }],
      ['matching-service', 'haki_events_consumed_total', consumed('referral.submitted.v1')],
      ['notification-service', 'haki_events_consumed_total', consumed('assignment.offered.v1')],
      ['case-service', 'haki_events_consumed_total', consumed('referral.submitted.v1')],
      ['matching-service', 'haki_offers_total', { role: 'forensic-pathologist', urgency: 'critical', status: 'open' }],
      // Turkana without a town: its headquarters, Lodwar, of area class town.
      ['matching-service', 'haki_time_to_first_offer_seconds_count', { urgency: 'critical', area: 'town' }],
      ['notification-service', 'haki_messages_total', { channel: 'sms', purpose: 'offer', status: 'sent' }],
    ];
    const before = await Promise.all(watched.map(async ([service, name, labels]) => sample(await scrape(service), name, labels)));
    await system.submitReferral(turkanaPostmortem());
    await eventually(async () => {
      for (const [i, [service, name, labels]] of watched.entries()) {
        expect(sample(await scrape(service), name, labels)).toBeGreaterThan(before[i]!);
      }
    });
    const matching = await scrape('matching-service');
    expect(sample(matching, 'haki_event_processing_seconds_count', { topic: 'referral.submitted.v1' })).toBeGreaterThan(0);
    expect(matching).toMatch(/^haki_consumer_lag_messages\{.*topic="referral\.submitted\.v1".*\} \d+$/m);
    // The offers' expiry timers wait as delayed jobs; the SMS queue's jobs have run.
    expect(sample(matching, 'haki_queue_jobs', { queue: 'matching.timers', state: 'delayed' })).toBeGreaterThan(0);
    expect(await scrape('notification-service')).toMatch(
      /^haki_queue_oldest_waiting_seconds\{.*queue="notifications\.outbound".*\} [\d.e+-]+$/m,
    );
    // Every series the alert rules and the dashboard name is one some service exports (histograms by their base name).
    const exported = (await Promise.all(SERVICE_NAMES.map(scrape))).join('\n');
    const deploy = join(__dirname, '../../../deploy');
    const rules = ['prometheus/alerts.yml', 'grafana/haki-overview.json'].map((file) => readFileSync(join(deploy, file), 'utf8'));
    const named = new Set(rules.join('\n').match(/\bhaki_[a-z_]+/g));
    expect(named.size).toBeGreaterThan(10);
    for (const name of named)
      expect([name, exported.includes(`# TYPE ${name.replace(/_(bucket|count|sum)$/, '')} `)]).toEqual([name, true]);
    for (const service of SERVICE_NAMES) {
      const exposition = await scrape(service);
      expect(sample(exposition, 'haki_process_resident_memory_bytes', { service })).toBeGreaterThan(0);
      // Readiness per dependency, as GET /health/ready answers it (HakiServiceNotReady).
      expect(sample(exposition, 'haki_dependency_ready', { check: 'mongo', service })).toBe(1);
      expect(sample(exposition, 'haki_dependency_ready', { check: 'kafka-producer', service })).toBe(1);
      expect(exposition).toMatch(new RegExp(`^haki_outbox_pending\\{service="${service}"} \\d+$`, 'm'));
      // Not on the API port, where only the gateway's signed requests are answered.
      expect((await fetch(`${system.url(service)}/metrics`)).status).not.toBe(200);
    }
  });

  it('makes one case of a death in a cell reported by two churches: one team reserved, both referrers on the case', async () => {
    // Died in a Kakuma police cell last night; the family plans the burial for Saturday (here: in 50 hours).
    const inHours = (hours: number) =>
      formatNairobiTime(Date.now() + hours * 3_600_000)
        .slice(0, 16)
        .replace('T', ' ');
    const death = {
      serviceType: 'postmortem',
      death: { at: inHours(-9), circumstance: 'custody', plannedBurialAt: inHours(50) },
      town: 'Kakuma',
      consent: { givenBy: 'next-of-kin', scopes: ['share-with-doctor', 'share-with-lawyer'] },
      implicatedAgency: 'Kakuma Police Station',
    };
    const post = (body: object, caller: ReturnType<typeof as>) =>
      system.fetch(
        `${system.url('intake-service')}/referrals`,
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
        caller,
      );
    const lodwarParish = as('intake', { subject: 'lodwar.intake', organisationId: 'org-lodwar-parish' });
    const kakumaMission = as('intake', { subject: 'kakuma.intake', organisationId: 'org-kakuma-mission' });

    const firstAnswer = await post(
      { ...death, source: { kind: 'church' }, subject: { name: 'Lokai Ekuwam' }, referrer: { name: 'Lodwar parish' } },
      lodwarParish,
    );
    expect(firstAnswer.status).toBe(201);
    const first = (await firstAnswer.json()) as {
      referralId: string;
      county: string;
      place: object;
      rule: string;
      deadline: string;
      urgency: string;
    };
    // The town, not Lodwar, is the point ranked from; the burial sets the deadline, shown in Nairobi time.
    expect(first).toMatchObject({
      county: 'Turkana',
      place: { used: 'town', label: 'Kakuma, Turkana County' },
      rule: 'postmortem-before-burial',
      urgency: 'urgent',
    });
    expect(first.deadline).toBe(`${inHours(50).replace(' ', 'T')}:00+03:00`);

    const secondAnswer = await post(
      { ...death, source: { kind: 'church' }, subject: { name: 'EKUWAM Lokai' }, referrer: { name: 'Kakuma mission' } },
      kakumaMission,
    );
    const second = (await secondAnswer.json()) as { referralId: string; status: string; probableDuplicates?: string[] };
    // Another organisation's case: the mission is not told which one; a supervisor (this fetch's default caller) decides.
    expect(second).toMatchObject({ status: 'possible-duplicate', waitingFor: expect.stringMatching(/^a supervisor/) });
    expect(second.probableDuplicates).toBeUndefined();
    const decided = await system.fetch(`${system.url('intake-service')}/referrals/${second.referralId}/duplicate-decision`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ decision: 'link', caseId: first.referralId }),
    });
    expect(decided.status).toBe(200);

    const kase = await eventually(async () => {
      const current = await system.getCase(first.referralId);
      expect(current.timeline.map((entry) => entry.summary)).toContainEqual(
        expect.stringMatching(/^Another referral of this incident joined the case \(from church/),
      );
      expect(current.roles[0]!.offers.length).toBeGreaterThan(0);
      return current;
    });
    expect(kase.timeline.filter((entry) => entry.type === 'referral.submitted')).toHaveLength(1);
    // The linked referral never reached matching: it has no case of its own and reserved nobody.
    expect((await system.fetch(`${system.url('case-service')}/cases/${second.referralId}`)).status).toBe(404);
    const decisions = await (
      await system.db('matching-service')
    )
      .collection('referral_decisions')
      .countDocuments({ _id: second.referralId as never });
    expect(decisions).toBe(0);
  });

  it('lets intake correct a referral (matching re-ranks on the new place) and withdraw it (every offer cancelled)', async () => {
    const intakeUrl = `${system.url('intake-service')}/referrals`;
    const { referralId } = await system.submitReferral(turkanaPostmortem());
    await eventually(async () => expect((await system.getCase(referralId)).matchingStatus).toBe('offered'));
    // The offer goes out only after the referral's own event is announced: amending before that is a 503 to retry.
    const amend = await eventually(async () => {
      const response = await system.fetch(`${intakeUrl}/${referralId}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ town: 'Kakuma' }),
      });
      expect(response.status).toBe(200);
      return (await response.json()) as { changed: string[]; place: { label: string } };
    });
    expect(amend).toMatchObject({ changed: ['place', 'details'], place: { label: 'Kakuma, Turkana County' } });
    await eventually(async () =>
      expect((await system.getCase(referralId)).timeline.map((entry) => entry.summary)).toContain(
        'Referral amended by intake (place, details): postmortem (critical) in Turkana',
      ),
    );
    await eventually(async () => {
      const decision = await (await system.db('matching-service')).collection('referral_decisions').findOne({ _id: referralId as never });
      expect(decision!['facts'].coarseLocation).toEqual({ lat: 3.7, lon: 34.9 });
    });

    const withdrawn = await system.fetch(`${intakeUrl}/${referralId}/withdrawal`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'the family found a pathologist' }),
    });
    expect(withdrawn.status).toBe(200);
    const kase = await eventually(async () => {
      const current = await system.getCase(referralId);
      expect(current.matchingStatus).toBe('withdrawn');
      expect(current.roles.flatMap((role) => role.offers).every((offer) => offer.status === 'cancelled')).toBe(true);
      return current;
    });
    expect(kase.timeline.map((entry) => entry.summary)).toContain('Withdrawn by intake (supervisor-test): the family found a pathologist');
  });

  it("serves each service's OpenAPI document, bodies from the zod schemas that validate them, to staff only", async () => {
    type Operation = { requestBody?: { content: Record<string, { schema: Record<string, unknown> }> }; parameters?: { name: string }[] };
    const documentOf = async (service: (typeof SERVICE_NAMES)[number]) => {
      const response = await system.fetch(`${system.url(service)}/docs/openapi.json`);
      expect(response.status).toBe(200);
      return (await response.json()) as {
        info: { title: string };
        paths: Record<string, Record<string, Operation & Record<string, unknown>>>;
      };
    };
    const intake = await documentOf('intake-service');
    expect(intake.info.title).toBe('Haki intake-service');
    const submit = intake.paths['/referrals']!['post']!;
    expect(submit['x-haki-access']).toEqual({ kind: 'roles', roles: ['intake', 'supervisor'] });
    const kinds = submit.requestBody!.content['application/json']!.schema;
    const variants = (kinds['oneOf'] ?? kinds['anyOf']) as { properties: { serviceType: { const?: string; enum?: string[] } } }[];
    expect(variants.map((variant) => variant.properties.serviceType.const ?? variant.properties.serviceType.enum?.[0]).sort()).toEqual([
      'detention-support',
      'legal-aid',
      'medical-care',
      'postmortem',
      'torture-documentation',
    ]);
    expect(Object.keys(intake.paths)).toEqual(
      expect.arrayContaining([
        '/referrals/{referralId}',
        '/referrals/{referralId}/duplicate-decision',
        '/organisations',
        '/briefs/{token}',
      ]),
    );
    for (const service of SERVICE_NAMES) expect(Object.keys((await documentOf(service)).paths).length).toBeGreaterThan(2);
    const matching = await documentOf('matching-service');
    expect(matching.paths['/referrals/attention']!['get']!.parameters!.map((parameter) => parameter.name)).toContain('reason');

    const page = await system.fetch(`${system.url('intake-service')}/docs`);
    expect(await page.text()).toContain('<script src="docs/assets/swagger-ui-bundle.js"></script>');
    const bundle = await system.fetch(`${system.url('intake-service')}/docs/assets/swagger-ui-bundle.js`);
    expect([bundle.status, bundle.headers.get('content-type')]).toEqual([200, expect.stringMatching(/^application\/javascript/)]);
    expect((await system.fetch(`${system.url('intake-service')}/docs/assets/..%2F..%2Fpackage.json`)).status).toBe(404);
    const volunteer = await system.fetch(
      `${system.url('intake-service')}/docs/openapi.json`,
      {},
      as('professional', { professionalId: 'pro-eld-path-1' }),
    );
    expect(volunteer.status).toBe(403);
  });

  it('answers bad input with 400 naming each field and stores nothing', async () => {
    const before = await (await system.db('intake-service')).collection('referrals').countDocuments();
    const response = await system.fetch(`${system.url('intake-service')}/referrals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...turkanaPostmortem(), urgency: 'soon', county: 'Atlantis', subject: {} }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; fields: { field: string }[] } };
    expect(body.error.code).toBe('REFERRAL.INVALID');
    expect(body.error.fields.map((f) => f.field).sort()).toEqual(['county', 'subject.name', 'urgency']);
    expect(await (await system.db('intake-service')).collection('referrals').countDocuments()).toBe(before);
  });

  it('turns a retried POST with the same Idempotency-Key into the same referral, and refuses the key for another', async () => {
    const legalAidReferral = legalAid();
    const post = (body: object) =>
      system.fetch(`${system.url('intake-service')}/referrals`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'church-form-000042' },
        body: JSON.stringify(body),
      });
    const first = await post(legalAidReferral);
    expect(first.status).toBe(201);
    const { referralId } = (await first.json()) as { referralId: string };
    const retry = await post(legalAidReferral);
    expect(retry.status).toBe(200);
    expect(await retry.json()).toMatchObject({ referralId, duplicate: true });
    // The same referral with its fields in another order (another client's JSON) is the same referral.
    const reordered = Object.fromEntries(Object.entries(legalAidReferral).reverse());
    expect(await (await post(reordered)).json()).toMatchObject({ referralId, duplicate: true });
    const other = await post({ ...legalAidReferral, county: 'Kakamega' });
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
    const [head, tail] = JSON.stringify({ ...turkanaPostmortem(), narrative: 'caf#' }).split('#');
    const invalid = Buffer.concat([Buffer.from(head!), Buffer.from([0xe9]), Buffer.from(tail!)]);
    const badBytes = await system.fetch(intake, { method: 'POST', headers: { 'content-type': 'application/json' }, body: invalid });
    expect(badBytes.status).toBe(400);
    expect(((await badBytes.json()) as { error: { message: string } }).error.message).toContain('UTF-8');
    expect(badBytes.headers.get('x-powered-by')).toBeNull();
    const farDeadline = await system.fetch(intake, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...turkanaPostmortem(), deadline: '9999-12-31T23:59:59-01:00' }),
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
