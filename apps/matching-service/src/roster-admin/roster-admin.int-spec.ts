import { randomUUID } from 'node:crypto';
import type { Model } from 'mongoose';
import { EventFactory, HakiError, TOPICS } from '@haki/contracts';
import type { Sealer } from '@haki/platform-config';
import type { ServiceContext } from '@haki/platform-runtime';
import { eventually } from '@haki/testing';
import { CAPACITY_SLOTS, CONTACT_SEALER, PROFESSIONALS, REFERRAL_DECISIONS, ROSTER_IMPORTS } from '../matching.tokens';
import { ApplyReferralInput } from '../referral-decisions/apply-referral-input.use-case';
import type { ReferralDecisions } from '../referral-decisions/referral-decision.model';
import { ReferralInputs } from '../referral-decisions/referral-inputs.controller';
import type { CapacitySlots } from '../roster/capacity';
import type { ProfessionalDocument } from '../roster/professional.model';
import { useMatchingService } from '../test-support/matching-service';
import { ImportRoster } from './import-roster.use-case';
import { RosterSnapshot } from '../roster/roster-snapshot';
import { ManageProfessionals } from './manage-professionals.use-case';
import { rosterRows } from './roster-list';
import type { RosterImports } from './roster-import.model';

const HEADER = 'id,roles,homeTown,homeCounty,maxTravelKm,capacity,languages,credentials,conflicts,phone,email';
const row = (id: string, extra: Partial<Record<'county' | 'languages' | 'phone' | 'capacity', string>> = {}) =>
  [
    id,
    'clinician',
    'Garissa',
    extra.county ?? 'Garissa',
    '400',
    extra.capacity ?? '2',
    extra.languages ?? 'Kiswahili;Somali',
    'practising-certificate:2030-06-30;istanbul-protocol:2030-06-30',
    'Garissa Police Station',
    extra.phone ?? '+254700222333',
    `${id}@example.org`,
  ].join(',');

describe('roster management on real Kafka and MongoDB-wire', () => {
  let service: ServiceContext;
  let professionals: Model<ProfessionalDocument>;
  const { service: matchingService, record } = useMatchingService();

  beforeEach(async () => {
    service = matchingService();
    professionals = service.app.get(PROFESSIONALS);
  });

  it('imports nothing from a CSV with bad rows, naming each; imports every row of a good one, contacts sealed', async () => {
    const contacts = await record(TOPICS.professionalContactChanged);
    const importer = service.app.get(ImportRoster);
    const before = await professionals.countDocuments();
    const bad = [HEADER, row('pro-gar-clin-1'), row('pro-gar-clin-2', { county: 'Atlantis', phone: 'n/a' }), row('pro-gar-clin-3')].join(
      '\n',
    );
    const error = (await importer.execute(bad, 'ops-1').catch((caught: unknown) => caught)) as HakiError;
    expect(error.code).toBe('ROSTER.IMPORT_INVALID');
    expect(error.fields?.map((field) => field.field)).toEqual(['row 3: homeCounty', 'row 3: contact.phone']);
    expect(await professionals.countDocuments()).toBe(before);
    expect(await service.app.get<RosterImports>(ROSTER_IMPORTS).countDocuments()).toBe(0);

    // An existing professional (from the demo roster) is updated, new ones are created.
    const good = [HEADER, row('pro-gar-clin-1'), row('pro-gar-clin-2'), row('pro-msa-clin-1', { county: 'Mombasa', capacity: '4' })].join(
      '\n',
    );
    expect(await importer.execute(good, 'ops-1')).toMatchObject({ created: 2, updated: 1 });
    expect(await professionals.countDocuments()).toBe(before + 2);
    expect(await professionals.findById('pro-gar-clin-1').lean()).toMatchObject({
      languages: ['sw', 'so'],
      conflicts: ['police:garissa'],
      servesCounties: [],
      active: true,
      timeOff: [],
    });
    expect((await professionals.findById('pro-msa-clin-1').lean())!.capacity).toBe(4);

    await eventually(() => expect(contacts.messages).toHaveLength(3));
    const sealer = service.app.get<Sealer>(CONTACT_SEALER);
    for (const event of contacts.messages) {
      expect(JSON.stringify(event)).not.toContain('+254700222333');
      expect(sealer.open(event.payload.contact, event.payload.professionalId)).toEqual({
        phone: '+254700222333',
        email: `${event.payload.professionalId}@example.org`,
        language: 'en',
        prefers: 'sms',
      });
    }
  });

  it('imports a spreadsheet of 250 volunteers twice (FerretDB stalls on a write command updating over 100 documents)', async () => {
    const importer = service.app.get(ImportRoster);
    const csv = (capacity: string) => [HEADER, ...Array.from({ length: 250 }, (_, n) => row(`pro-big-${n}`, { capacity }))].join('\n');
    expect(await importer.execute(csv('2'), 'ops-1')).toMatchObject({ created: 250, updated: 0 });
    expect(await importer.execute(csv('3'), 'ops-1')).toMatchObject({ created: 0, updated: 250 });
    expect(await professionals.findById('pro-big-249').lean()).toMatchObject({ active: true, capacity: 3 });
  });

  it('lets a volunteer set themselves away and back, which the roster list shows', async () => {
    const manage = service.app.get(ManageProfessionals);
    const now = Date.now();
    const until = new Date(now + 3 * 86_400_000).toISOString();
    expect(await manage.setAvailability('pro-nbo-path-2', { awayUntil: until }, now)).toEqual({ awayUntil: until });
    const stored = (await professionals.findById('pro-nbo-path-2').lean())!;
    expect(stored.timeOff).toEqual([{ from: new Date(now).toISOString(), to: until }]);
    service.app.get(RosterSnapshot).invalidate();
    const listed = rosterRows(await service.app.get(RosterSnapshot).all(), now + 1).find((row) => row.id === 'pro-nbo-path-2');
    expect(listed).toMatchObject({ roles: ['forensic-pathologist'], capacity: 2, awayUntil: until });

    expect(await manage.setAvailability('pro-nbo-path-2', { awayUntil: null }, now + 60_000)).toEqual({ awayUntil: null });
    expect((await professionals.findById('pro-nbo-path-2').lean())!.timeOff).toEqual([]);
    // A date in the past is refused, naming the field; nothing changes.
    const error = (await manage
      .setAvailability('pro-nbo-path-2', { awayUntil: new Date(now - 1).toISOString() })
      .catch((e: unknown) => e)) as HakiError;
    expect(error.fields).toEqual([{ field: 'awayUntil', reason: 'must be in the future and within a year' }]);
    expect((await professionals.findById('pro-nbo-path-2').lean())!.timeOff).toEqual([]);
  });

  it('adds, updates and deactivates a professional; one who leaves mid-search loses the offer they hold', async () => {
    const manage = service.app.get(ManageProfessionals);
    const profile = {
      roles: ['forensic-pathologist'],
      homeTown: 'Lodwar',
      homeCounty: 'Turkana',
      maxTravelKm: 300,
      capacity: 1,
      languages: ['Turkana', 'sw'],
      credentials: [{ kind: 'practising-certificate', expiresOn: '2030-01-31' }],
      contact: { phone: '+254700999888' },
    };
    await expect(manage.create({ ...profile, contact: undefined, id: 'pro-lod-path-1' })).rejects.toMatchObject({
      code: 'ROSTER.INVALID',
      fields: [{ field: 'contact', reason: 'is required for a new professional' }],
    });
    // A conflict the agency register lacks is refused, naming it, with what it may have meant; nothing is written.
    await expect(
      manage.create({ ...profile, id: 'pro-lod-path-1', conflicts: ['Lodwar Police Stn', 'Lodwr GK Prison'] }),
    ).rejects.toMatchObject({
      code: 'ROSTER.INVALID',
      fields: [
        { field: 'conflicts.1', reason: expect.stringMatching(/not in the network's agency register; did you mean prison:lodwar /) },
      ],
    });
    expect(await professionals.findById('pro-lod-path-1').lean()).toBeNull();
    expect(await manage.create({ ...profile, id: 'pro-lod-path-1' })).toMatchObject({
      id: 'pro-lod-path-1',
      languages: ['tuv', 'sw'],
      homeBase: { lat: expect.any(Number), lon: expect.any(Number) },
      active: true,
    });
    await expect(manage.create({ ...profile, id: 'pro-lod-path-1' })).rejects.toMatchObject({ code: 'ROSTER.PROFESSIONAL_EXISTS' });
    const { contact: _, ...withoutContact } = profile;
    expect(await manage.update('pro-lod-path-1', { ...withoutContact, capacity: 2, monthlyCap: 4 })).toMatchObject({
      capacity: 2,
      monthlyCap: 4,
    });

    // The Lodwar pathologist is offered a Turkana custody death first, then deactivated before answering.
    const unavailable = await record(TOPICS.referralProfessionalUnavailable);
    const cancelled = await record(TOPICS.assignmentCancelled);
    const referralId = randomUUID();
    await service.app.get(ApplyReferralInput).submit(
      new EventFactory('intake-service').create({
        topic: TOPICS.referralSubmitted,
        key: referralId,
        correlationId: 'corr-roster',
        payload: {
          referralId,
          serviceType: 'postmortem',
          urgency: 'normal',
          rolesNeeded: ['forensic-pathologist'],
          countyCode: 23,
          countyName: 'Turkana',
          coarseLocation: { lat: 3.1, lon: 35.6 },
          submittedAt: new Date().toISOString(),
        },
      }),
    );
    const decisions = service.app.get<ReferralDecisions>(REFERRAL_DECISIONS);
    const [offer] = (await decisions.findById(referralId).lean())!.policy.offers;
    expect(offer).toMatchObject({ professionalId: 'pro-lod-path-1', status: 'open' });

    expect(await manage.deactivate('pro-lod-path-1', { reason: 'moved abroad', recordedBy: 'ops-1' })).toMatchObject({ active: false });
    await eventually(() => expect(unavailable.messages.map((event) => event.key)).toEqual([referralId]));
    await service.app.get(ReferralInputs).onProfessionalUnavailable(unavailable.messages[0]!);
    const offers = (await decisions.findById(referralId).lean())!.policy.offers;
    expect(offers[0]).toMatchObject({ professionalId: 'pro-lod-path-1', status: 'unavailable' });
    expect(offers[1]).toMatchObject({ status: 'open' }); // the next in line
    expect(await service.app.get<CapacitySlots>(CAPACITY_SLOTS).countDocuments({ professionalId: 'pro-lod-path-1' })).toBe(0);
    await eventually(() => expect(cancelled.messages.map((event) => event.payload.reason)).toEqual(['unavailable']));
  });
});
