import { randomBytes } from 'node:crypto';
import type { Model } from 'mongoose';
import { HakiError, TOPICS, type EventEnvelope } from '@haki/contracts';
import { loadConfig } from '@haki/platform-config';
import { createServiceContext, type ServiceContext } from '@haki/platform-runtime';
import { as, eventually, recordTopic, testServiceEnv, type TopicRecorder } from '@haki/testing';
import { formatNairobiTime } from '@haki/vocabulary';
import { IntakeModule } from '../../app.module';
import { intakeConfigSchema } from '../../config';
import { REFERRALS } from '../../intake.tokens';
import { Sealer } from '@haki/platform-config';
import type { ReferralDocument } from '../referral.model';
import { SubmitReferral } from './submit-referral.use-case';
import { DecideDuplicate } from '../duplicate-decision/decide-duplicate.use-case';
import { GetReferralController } from '../get-referral/get-referral.controller';
import { AmendReferral } from '../amend-referral/amend-referral.use-case';
import { Organisations } from '../../organisations/organisations';
import { WithdrawReferralAtIntake } from '../withdraw-referral/withdraw-referral.use-case';

const inHours = (hours: number) => formatNairobiTime(Date.now() + hours * 3_600_000);
/** Died in a police cell last night; the family plans the burial for the day after tomorrow. */
const TURKANA_POSTMORTEM = {
  serviceType: 'postmortem',
  death: { at: inHours(-10), circumstance: 'custody', plannedBurialAt: inHours(40) },
  county: 'Turkana',
  town: 'Kakuma',
  location: { lat: 3.11912, lon: 35.59734 },
  landmark: 'Behind the Kakuma mosque',
  source: { kind: 'church', organisationId: 'org-lodwar-parish' },
  consent: { givenBy: 'next-of-kin', scopes: ['share-with-doctor', 'share-with-lawyer', 'anonymised-statistics'] },
  subject: { name: 'Ekai Lokwang', age: 24 },
  referrer: { name: 'Lodwar parish office', phone: '+254700123456' },
  narrative: 'Died in custody at the station on Tuesday night.',
  implicatedAgency: 'Lodwar police station',
  language: 'Kiswahili',
};
const PLAINTEXT = [
  'Ekai Lokwang',
  'Lodwar parish office',
  '+254700123456',
  'Died in custody',
  'Lodwar police station',
  '3.11912',
  'mosque',
];

/** An intake worker of the Lodwar parish: the organisation travels with the referral, so its staff may read the case. */
const LODWAR_INTAKE = as('intake', { organisationId: 'org-lodwar-parish' });

type Submitted = EventEnvelope<typeof TOPICS.referralSubmitted>;

describe('SubmitReferral on real Kafka and MongoDB-wire', () => {
  let service: ServiceContext;
  let submitReferral: SubmitReferral;
  let referrals: Model<ReferralDocument>;
  let published: TopicRecorder<Submitted>;

  beforeEach(async () => {
    const config = loadConfig(
      intakeConfigSchema,
      testServiceEnv('intake', { PII_KEYS: `k1:${randomBytes(32).toString('base64')}`, PII_ACTIVE_KEY_ID: 'k1' }),
    );
    service = await createServiceContext('intake-service', config, IntakeModule);
    submitReferral = service.app.get(SubmitReferral);
    referrals = service.app.get(REFERRALS);
    published = await recordTopic<Submitted>(service.runtime.names.topic(TOPICS.referralSubmitted));
    const admin = as('admin');
    await service.app.get(Organisations).add({ id: 'org-lodwar-parish', name: 'Lodwar parish', kind: 'church', county: 'Turkana' }, admin);
    await service.app
      .get(Organisations)
      .add({ id: 'org-kakuma-catholic', name: 'Kakuma Catholic mission', kind: 'church', county: 23 }, admin);
  });

  afterEach(async () => {
    await published.stop();
    await service.runtime.mongo.dropDatabase();
    await service.close();
  });

  it('stores the referral with its PII sealed and publishes referral.submitted without any of it', async () => {
    const result = await submitReferral.execute(TURKANA_POSTMORTEM, LODWAR_INTAKE);
    expect(result).toMatchObject({
      status: 'submitted',
      county: 'Turkana',
      urgency: 'urgent',
      rule: 'postmortem-before-burial',
      place: { used: 'gps' },
      rolesNeeded: ['forensic-pathologist', 'advocate'],
      duplicate: false,
    });

    const stored = await referrals.findById(result.referralId).lean();
    for (const text of PLAINTEXT) expect(JSON.stringify(stored)).not.toContain(text);
    const sealer = service.app.get(Sealer);
    expect(sealer.open(stored!.sealed, result.referralId)).toMatchObject({
      subject: TURKANA_POSTMORTEM.subject,
      narrative: TURKANA_POSTMORTEM.narrative,
    });

    await eventually(() => expect(published.messages).toHaveLength(1));
    const [event] = published.messages;
    expect(event).toMatchObject({
      key: result.referralId,
      producer: 'intake-service',
      causationId: null,
      payload: {
        referralId: result.referralId,
        rolesNeeded: ['forensic-pathologist', 'advocate'],
        countyName: 'Turkana',
        organisationId: 'org-lodwar-parish',
        source: { kind: 'church', organisationId: 'org-lodwar-parish' },
        consentScopes: ['share-with-doctor', 'share-with-lawyer', 'anonymised-statistics'],
        clockRule: 'postmortem-before-burial',
        placePrecision: 'gps',
      },
    });
    expect(event!.payload.coarseLocation).toEqual({ lat: 3.1, lon: 35.6 });
    expect(event!.payload).toMatchObject({ implicated: ['police:lodwar'], language: 'sw' }); // normalised for matching
    for (const text of PLAINTEXT) expect(JSON.stringify(event)).not.toContain(text);
    // The relay clears the outbox just after the broker acknowledged the event: the event can be seen first.
    await eventually(async () => expect((await referrals.findById(result.referralId).lean())!.outbox).toEqual([]));
  });

  it('does not hold up a referral naming a station the agency register lacks: it goes on under its key, flagged for ops', async () => {
    const result = await submitReferral.execute({ ...TURKANA_POSTMORTEM, implicatedAgency: 'Lokichoggio Police Post' }, LODWAR_INTAKE);
    expect(result).toMatchObject({ status: 'submitted', implicatedAgencyUnlisted: true });
    expect((await referrals.findById(result.referralId).lean())!.implicatedAgencyUnlisted).toBe(true);
    await eventually(() => expect(published.messages).toHaveLength(1));
    expect(published.messages[0]!.payload.implicated).toEqual(['police:lokichoggio']);
    expect(JSON.stringify(published.messages[0])).not.toContain('Unlisted'); // the event carries the key only

    // Staff correct it to a station the register lists: matching gets its id, and the flag goes.
    await eventually(async () => expect((await referrals.findById(result.referralId).lean())!.outbox).toEqual([]));
    const amended = await service.app
      .get(AmendReferral)
      .execute(result.referralId, { implicatedAgency: 'Kakuma police stn' }, LODWAR_INTAKE);
    expect(amended.changed).toEqual(['implicated', 'details']);
    expect(amended.implicatedAgencyUnlisted).toBeUndefined();
    const stored = await referrals.findById(result.referralId).lean();
    expect(stored!.implicatedAgencyUnlisted).toBeUndefined();
    expect(stored!.facts!.implicated).toEqual(['police:kakuma']);
  });

  it('makes one referral and one event of a retried submission, and refuses the key for a different referral', async () => {
    const retries = await Promise.all(
      [1, 2, 3, 4].map(() => submitReferral.execute(TURKANA_POSTMORTEM, LODWAR_INTAKE, 'parish-call-0042')),
    );
    const ids = new Set(retries.map((result) => result.referralId));
    expect(ids.size).toBe(1);
    expect(retries.filter((result) => !result.duplicate)).toHaveLength(1);
    expect(await referrals.countDocuments()).toBe(1);

    const differentBody = { ...TURKANA_POSTMORTEM, urgency: 'critical', urgencyReason: 'the police want the body moved' };
    await expect(submitReferral.execute(differentBody, LODWAR_INTAKE, 'parish-call-0042')).rejects.toMatchObject({
      code: 'REFERRAL.IDEMPOTENCY_CONFLICT',
    });
    await eventually(() => expect(published.messages).toHaveLength(1));
    // A later, unrelated referral is published after the first: had a retry published a second copy
    // of the first, it would be read before this one.
    const other = await submitReferral.execute(
      { ...TURKANA_POSTMORTEM, county: 'Marsabit', town: undefined, location: undefined },
      LODWAR_INTAKE,
    );
    await eventually(() => expect(published.messages.map((event) => event.key)).toContain(other.referralId));
    expect(published.messages.filter((event) => event.key === [...ids][0])).toHaveLength(1);

    // Another account's same key is its own: a new referral, never the first account's.
    const otherChurch = await submitReferral.execute(TURKANA_POSTMORTEM, as('intake', { subject: 'mandera.intake' }), 'parish-call-0042');
    expect(otherChurch.duplicate).toBe(false);
    expect(otherChurch.referralId).not.toBe([...ids][0]);
    // A fingerprint whose key was retired (`npm run keys:reseal` marks bare hashes so) cannot be compared: a conflict, not a 500.
    await referrals.updateOne({ _id: [...ids][0] }, { $set: { requestHash: 'retired:' } });
    await expect(submitReferral.execute(TURKANA_POSTMORTEM, LODWAR_INTAKE, 'parish-call-0042')).rejects.toMatchObject({
      code: 'REFERRAL.IDEMPOTENCY_CONFLICT',
    });
  });

  it('rejects bad input naming every field, and stores and publishes nothing', async () => {
    const bad = { ...TURKANA_POSTMORTEM, urgency: 'soon', county: 'Atlantis', subject: { name: '' }, town: undefined };
    const error = await submitReferral.execute(bad, LODWAR_INTAKE).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HakiError);
    expect((error as HakiError).code).toBe('REFERRAL.INVALID');
    expect((error as HakiError).fields?.map((problem) => problem.field).sort()).toEqual(['county', 'subject.name', 'urgency']);
    expect(await referrals.countDocuments()).toBe(0);
    await service.app.get(SubmitReferral).execute(TURKANA_POSTMORTEM, LODWAR_INTAKE);
    await eventually(() => expect(published.messages).toHaveLength(1));
  });

  it('makes one case of one death reported by two churches: the second is held, then linked, and reserves nobody', async () => {
    const first = await submitReferral.execute(TURKANA_POSTMORTEM, LODWAR_INTAKE);
    const kakumaChurch = as('intake', { subject: 'kakuma.intake', organisationId: 'org-kakuma-catholic' });
    // Another spelling, another order, the same day: the same person.
    const second = await submitReferral.execute(
      { ...TURKANA_POSTMORTEM, subject: { name: 'LOKWANG  Ekai' }, source: { kind: 'church', organisationId: 'org-kakuma-catholic' } },
      kakumaChurch,
    );
    // The first is another organisation's case: the Kakuma worker is not told which, a supervisor decides.
    expect(second).toMatchObject({ status: 'possible-duplicate', waitingFor: expect.stringMatching(/^a supervisor/) });
    expect(second.probableDuplicates).toBeUndefined();
    expect(second.duplicatesElsewhere).toBeUndefined();
    await expect(
      service.app.get(DecideDuplicate).execute(second.referralId, { decision: 'separate', reason: 'x' }, kakumaChurch),
    ).rejects.toMatchObject({ code: 'REFERRAL.DUPLICATE_NEEDS_SUPERVISOR' });
    const supervisor = as('supervisor', { subject: 'sup.nairobi' });
    expect(await service.app.get(GetReferralController).get(second.referralId, supervisor)).toMatchObject({
      duplicatesElsewhere: [first.referralId],
    });
    await expect(
      service.app.get(DecideDuplicate).execute(second.referralId, { decision: 'link', caseId: 'someone-else' }, supervisor),
    ).rejects.toMatchObject({
      code: 'REFERRAL.INVALID',
    });
    // Another organisation's intake worker cannot touch it.
    await expect(
      service.app.get(DecideDuplicate).execute(second.referralId, { decision: 'separate', reason: 'x' }, LODWAR_INTAKE),
    ).rejects.toMatchObject({
      code: 'REFERRAL.NOT_FOUND_AT_INTAKE',
    });
    const linked = await service.app
      .get(DecideDuplicate)
      .execute(second.referralId, { decision: 'link', caseId: first.referralId }, supervisor);
    expect(linked).toMatchObject({ status: 'linked', linkedTo: first.referralId });
    await expect(
      service.app.get(DecideDuplicate).execute(second.referralId, { decision: 'link', caseId: first.referralId }, supervisor),
    ).rejects.toMatchObject({
      code: 'REFERRAL.NOT_A_POSSIBLE_DUPLICATE',
    });

    const linkedEvents = await recordTopic<EventEnvelope<typeof TOPICS.referralLinked>>(service.runtime.names.topic(TOPICS.referralLinked));
    try {
      await eventually(() => expect(linkedEvents.messages).toHaveLength(1));
      expect(linkedEvents.messages[0]).toMatchObject({
        key: first.referralId,
        payload: { referralId: first.referralId, linkedReferralId: second.referralId, organisationId: 'org-kakuma-catholic' },
      });
      // Only the first referral went to matching.
      await eventually(() => expect(published.messages.map((event) => event.key)).toEqual([first.referralId]));
      // A third report, after the link, finds the case, not the linked referral.
      const third = await submitReferral.execute({ ...TURKANA_POSTMORTEM, subject: { name: 'Ekai Lokwang' } }, LODWAR_INTAKE);
      expect(third.probableDuplicates).toEqual([first.referralId]);
    } finally {
      await linkedEvents.stop();
    }
  });

  it('keeps a referral separate when staff say so, and holds one nobody consented to', async () => {
    const first = await submitReferral.execute(TURKANA_POSTMORTEM, LODWAR_INTAKE);
    const namesake = await submitReferral.execute(TURKANA_POSTMORTEM, LODWAR_INTAKE);
    expect(namesake.status).toBe('possible-duplicate');
    const kept = await service.app
      .get(DecideDuplicate)
      .execute(namesake.referralId, { decision: 'separate', reason: 'two brothers of one name' }, LODWAR_INTAKE);
    expect(kept.status).toBe('submitted');
    await eventually(() =>
      expect(published.messages.map((event) => event.key).sort()).toEqual([first.referralId, namesake.referralId].sort()),
    );

    const unconsented = await submitReferral.execute(
      { ...TURKANA_POSTMORTEM, subject: { name: 'Amina Ekiru' }, consent: { givenBy: 'none-yet', scopes: [] } },
      LODWAR_INTAKE,
    );
    expect(unconsented).toMatchObject({ status: 'awaiting-consent', rolesNeeded: [] });
    expect(unconsented.waitingFor).toMatch(/^consent/);
    expect((await referrals.findById(unconsented.referralId).lean())!.outbox).toEqual([]);
  });

  it('amends a referral: the corrected place and clocks go to matching as referral.amended; a bad field writes nothing', async () => {
    const amended = await recordTopic<EventEnvelope<typeof TOPICS.referralAmended>>(service.runtime.names.topic(TOPICS.referralAmended));
    try {
      const first = await submitReferral.execute({ ...TURKANA_POSTMORTEM, town: undefined, location: undefined }, LODWAR_INTAKE);
      expect(first.place).toMatchObject({ used: 'county-hq' });
      await eventually(async () => expect((await referrals.findById(first.referralId).lean())!.outbox).toEqual([]));
      const amend = service.app.get(AmendReferral);

      const refused = await amend
        .execute(first.referralId, { town: 'Kakuma', death: { at: inHours(-10) } }, LODWAR_INTAKE)
        .catch((error: unknown) => error);
      expect((refused as HakiError).fields?.map((problem) => problem.field)).toEqual(['death.circumstance']);
      expect((await referrals.findById(first.referralId).lean())!.version).toBe(1);

      // Kakuma, not Lodwar; and the family moved the burial a day earlier.
      const burial = inHours(16);
      const result = await amend.execute(
        first.referralId,
        { town: 'Kakuma', death: { ...TURKANA_POSTMORTEM.death, plannedBurialAt: burial }, narrative: null },
        LODWAR_INTAKE,
      );
      expect(result).toMatchObject({
        status: 'submitted',
        urgency: 'critical',
        place: { used: 'town' },
        changed: ['place', 'deadline', 'urgency', 'details'],
      });
      await eventually(() => expect(amended.messages).toHaveLength(1));
      expect(amended.messages[0]!.payload).toMatchObject({
        referralId: first.referralId,
        version: 2,
        coarseLocation: { lat: 3.7, lon: 34.9 },
        urgency: 'critical',
      });
      const stored = await referrals.findById(first.referralId).lean();
      expect(service.app.get(Sealer).open<{ narrative?: string }>(stored!.sealed, first.referralId).narrative).toBeUndefined();
      // Nothing changed: nothing published, and no version spent.
      expect((await amend.execute(first.referralId, { town: 'Kakuma' }, LODWAR_INTAKE)).changed).toEqual([]);
      expect((await referrals.findById(first.referralId).lean())!.version).toBe(2);
    } finally {
      await amended.stop();
    }
  });

  it('announces a referral once consent covers its team, and withdraws one announced or held', async () => {
    const withdrawals = await recordTopic<EventEnvelope<typeof TOPICS.referralWithdrawalRequested>>(
      service.runtime.names.topic(TOPICS.referralWithdrawalRequested),
    );
    try {
      const waiting = await submitReferral.execute({ ...TURKANA_POSTMORTEM, consent: { givenBy: 'none-yet', scopes: [] } }, LODWAR_INTAKE);
      expect(waiting.status).toBe('awaiting-consent');
      const consented = await service.app
        .get(AmendReferral)
        .execute(waiting.referralId, { consent: { givenBy: 'next-of-kin', scopes: ['share-with-doctor'] } }, LODWAR_INTAKE);
      expect(consented).toMatchObject({ status: 'submitted', rolesNeeded: ['forensic-pathologist'] });
      await eventually(() => expect(published.messages.map((event) => event.key)).toEqual([waiting.referralId]));
      expect(published.messages[0]!.payload.consentScopes).toEqual(['share-with-doctor']);

      const withdraw = service.app.get(WithdrawReferralAtIntake);
      await expect(withdraw.execute(waiting.referralId, {}, LODWAR_INTAKE)).rejects.toMatchObject({ code: 'REFERRAL.INVALID_WITHDRAWAL' });
      expect(await withdraw.execute(waiting.referralId, { reason: 'family found a pathologist' }, LODWAR_INTAKE)).toMatchObject({
        status: 'withdrawn',
      });
      await eventually(() =>
        expect(withdrawals.messages.map((event) => event.payload)).toEqual([
          { referralId: waiting.referralId, reason: 'family found a pathologist', recordedBy: LODWAR_INTAKE.subject },
        ]),
      );
      await expect(withdraw.execute(waiting.referralId, { reason: 'again' }, LODWAR_INTAKE)).rejects.toMatchObject({
        code: 'REFERRAL.ALREADY_WITHDRAWN',
      });
      await expect(service.app.get(AmendReferral).execute(waiting.referralId, { town: 'Kakuma' }, LODWAR_INTAKE)).rejects.toMatchObject({
        code: 'REFERRAL.NOT_AMENDABLE',
      });

      // A held referral was announced to nobody: withdrawing it announces nothing either.
      const held = await submitReferral.execute(
        { ...TURKANA_POSTMORTEM, subject: { name: 'Nobody Yet' }, consent: { givenBy: 'none-yet', scopes: [] } },
        LODWAR_INTAKE,
      );
      await withdraw.execute(held.referralId, { reason: 'entered twice' }, LODWAR_INTAKE);
      // A withdrawn referral is no longer a case a new report could duplicate.
      const again = await submitReferral.execute({ ...TURKANA_POSTMORTEM, subject: { name: 'Nobody Yet' } }, LODWAR_INTAKE);
      expect(again.status).toBe('submitted');
      await eventually(() => expect(published.messages.map((event) => event.key)).toContain(again.referralId));
      expect(withdrawals.messages).toHaveLength(1);
    } finally {
      await withdrawals.stop();
    }
  });

  it("takes the source organisation only from the network's list, and not once it is retired", async () => {
    const organisations = service.app.get(Organisations);
    const unknown = { ...TURKANA_POSTMORTEM, source: { kind: 'ngo', organisationId: 'org-nobody' } };
    const refused = await submitReferral.execute(unknown, LODWAR_INTAKE).catch((error: unknown) => error);
    expect((refused as HakiError).fields).toEqual([
      { field: 'source.organisationId', reason: expect.stringMatching(/^is not on the network's list/) },
    ]);
    await expect(organisations.add({ id: 'org-lodwar-parish', name: 'Again', kind: 'church' }, as('admin'))).rejects.toMatchObject({
      code: 'ORGANISATION.EXISTS',
    });
    await expect(organisations.add({ id: 'Lodwar Parish', name: '', kind: 'pub' }, as('admin'))).rejects.toMatchObject({
      code: 'ORGANISATION.INVALID',
    });
    await organisations.change('org-kakuma-catholic', { active: false });
    const retired = { ...TURKANA_POSTMORTEM, source: { kind: 'church', organisationId: 'org-kakuma-catholic' } };
    await expect(submitReferral.execute(retired, LODWAR_INTAKE)).rejects.toMatchObject({
      fields: [{ field: 'source.organisationId', reason: expect.stringMatching(/retired/) }],
    });
    expect((await organisations.list()).map((organisation) => [organisation._id, organisation.active])).toEqual([
      ['org-lodwar-parish', true],
      ['org-kakuma-catholic', false],
    ]);
    expect(await referrals.countDocuments()).toBe(0);
  });

  it("lets exactly one of two staff deciding at once change a held referral, and publishes only the winner's event", async () => {
    const linkedEvents = await recordTopic<EventEnvelope<typeof TOPICS.referralLinked>>(service.runtime.names.topic(TOPICS.referralLinked));
    try {
      const first = await submitReferral.execute(TURKANA_POSTMORTEM, LODWAR_INTAKE);
      const held = await submitReferral.execute(TURKANA_POSTMORTEM, LODWAR_INTAKE);
      const decide = service.app.get(DecideDuplicate);
      const outcomes = await Promise.allSettled([
        decide.execute(held.referralId, { decision: 'link', caseId: first.referralId }, LODWAR_INTAKE),
        decide.execute(
          held.referralId,
          { decision: 'separate', reason: 'two brothers' },
          as('intake', { organisationId: 'org-lodwar-parish' }),
        ),
      ]);
      const won = outcomes.findIndex((outcome) => outcome.status === 'fulfilled');
      expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([
        expect.objectContaining({ reason: expect.objectContaining({ code: 'REFERRAL.NOT_A_POSSIBLE_DUPLICATE' }) }),
      ]);
      const linkWon = won === 0;
      expect((await referrals.findById(held.referralId).lean())!.status).toBe(linkWon ? 'linked' : 'submitted');
      // Let the relay run (it polls every 2 s): the loser's event must never appear.
      await eventually(() => expect(published.messages.map((event) => event.key)).toContain(first.referralId));
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect(linkedEvents.messages).toHaveLength(linkWon ? 1 : 0);
      expect(published.messages.filter((event) => event.key === held.referralId)).toHaveLength(linkWon ? 0 : 1);
    } finally {
      await linkedEvents.stop();
    }
  });
});
