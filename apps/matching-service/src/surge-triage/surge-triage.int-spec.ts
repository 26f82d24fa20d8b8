import type { Model } from 'mongoose';
import { TOPICS, type EventEnvelope } from '@haki/contracts';
import type { ServiceContext } from '@haki/platform-runtime';
import { eventually, type TopicRecorder } from '@haki/testing';
import { ListAttention } from '../attention/list-attention.use-case';
import { ImportRoster } from '../roster-admin/import-roster.use-case';
import { ManageProfessionals } from '../roster-admin/manage-professionals.use-case';
import { PROFESSIONALS, REFERRAL_DECISIONS, WAITING_REFERRALS } from '../matching.tokens';
import { ApplyReferralInput } from '../referral-decisions/apply-referral-input.use-case';
import type { ReferralDecisions } from '../referral-decisions/referral-decision.model';
import { ReferralInputs } from '../referral-decisions/referral-inputs.controller';
import type { ProfessionalDocument } from '../roster/professional.model';
import { useMatchingService } from '../test-support/matching-service';
import { cause, postmortem } from '../test-support/referrals';
import type { WaitingReferrals } from './waiting-referral.model';

const ONLY_PATHOLOGIST = 'pro-eld-path-1'; // capacity 1 in the demo roster

describe('surge triage in the matching service, on real Kafka, MongoDB-wire and Redis', () => {
  let service: ServiceContext;
  let referrals: ApplyReferralInput;
  let inputs: ReferralInputs;
  let decisions: ReferralDecisions;
  let waiting: WaitingReferrals;
  let freed: TopicRecorder<EventEnvelope<typeof TOPICS.referralCapacityFreed>>;
  const { service: matchingService, record } = useMatchingService({ ROSTER_REFRESH_MS: '0' });

  beforeEach(async () => {
    service = matchingService();
    referrals = service.app.get(ApplyReferralInput);
    inputs = service.app.get(ReferralInputs);
    decisions = service.app.get(REFERRAL_DECISIONS);
    waiting = service.app.get(WAITING_REFERRALS);
    // One pathologist on the roster, with one slot: the second postmortem finds them busy.
    const professionals = service.app.get<Model<ProfessionalDocument>>(PROFESSIONALS);
    await professionals.updateMany({ roles: 'forensic-pathologist', _id: { $ne: ONLY_PATHOLOGIST } }, { $set: { active: false } });
    freed = await record(TOPICS.referralCapacityFreed);
  });

  const policyOf = async (referralId: string) => (await decisions.findById(referralId).lean())!.policy;
  const pathologistSlot = async (referralId: string) => (await policyOf(referralId)).roles.find((r) => r.role === 'forensic-pathologist')!;
  const pathologistOffers = async (referralId: string) =>
    (await policyOf(referralId)).offers.filter((offer) => offer.role === 'forensic-pathologist');
  const submitted = async (urgency: 'critical' | 'normal') => {
    const event = postmortem(urgency);
    await referrals.submit(event);
    return event.payload.referralId;
  };
  /** The first capacity-freed event sent about `referralId`, as its consumer would receive it. */
  const freedSlotFor = async (referralId: string) => {
    await eventually(() => expect(freed.messages.map((event) => event.key)).toContain(referralId));
    return freed.messages.find((event) => event.key === referralId)!;
  };

  it('a role whose only qualified professional is busy waits for the slot instead of going to ops, and gets it when freed', async () => {
    const escalated = await record(TOPICS.referralEscalated);
    const timers = await record(TOPICS.referralTimerSet);
    const first = await submitted('critical');
    const [held] = await pathologistOffers(first);
    expect(held).toMatchObject({ professionalId: ONLY_PATHOLOGIST, status: 'open' });

    const second = await submitted('critical');
    expect(await pathologistSlot(second)).toMatchObject({ phase: 'waiting' });
    expect((await policyOf(second)).status).toBe('searching');
    expect(await waiting.findById(second).lean()).toMatchObject({ urgency: 'critical' });
    const attention = await service.app.get(ListAttention).execute({ reason: 'waiting-for-capacity' });
    expect(attention.items.map((item) => item.referralId)).toEqual([second]);
    // It looks again after an offer timeout, in case nobody busy can still make its deadline by then.
    await eventually(() =>
      expect(timers.messages.filter((e) => e.key === second).map((e) => e.payload.timeout)).toContainEqual({
        type: 'waitingRecheck',
        role: 'forensic-pathologist',
        at: expect.any(Number),
      }),
    );

    // The pathologist says no to the first: their slot goes to the waiting referral, not to ops' queue.
    await referrals.apply(first, { type: 'offerDeclined', offerId: held!.offerId }, cause());
    const event = await freedSlotFor(second);
    expect(event.payload).toEqual({ referralId: second, professionalId: ONLY_PATHOLOGIST, passedOver: [first] });
    expect(event.correlationId).toBe(`corr-${second}`); // its own story, not the first referral's
    await inputs.onCapacityFreed(event);
    await inputs.onCapacityFreed(event); // redelivered: applied once
    expect(await pathologistOffers(second)).toEqual([expect.objectContaining({ professionalId: ONLY_PATHOLOGIST, status: 'open' })]);
    expect(await pathologistSlot(second)).toMatchObject({ phase: 'offering' });
    expect(await waiting.findById(second).lean()).toBeNull();

    // The first, declined by the only pathologist, has nobody left at all: ops are paged for it alone.
    await eventually(() => expect(escalated.messages.map((e) => e.key)).toContain(first));
    expect(escalated.messages.filter((e) => e.key === second)).toEqual([]);
    expect(await pathologistSlot(first)).toMatchObject({ phase: 'unfilled' });
  });

  it('offers a freed slot to the least slack first, and the one that cannot take it passes it on', async () => {
    const holder = await submitted('critical');
    const [held] = await pathologistOffers(holder);
    const normal = await submitted('normal'); // waiting longest, but its window is five days
    const critical = await submitted('critical'); // its window closes in two hours
    for (const id of [normal, critical]) expect(await pathologistSlot(id)).toMatchObject({ phase: 'waiting' });

    await referrals.apply(holder, { type: 'offerExpired', offerId: held!.offerId }, cause());
    const toCritical = await freedSlotFor(critical);
    expect(freed.messages.filter((e) => e.key === normal)).toEqual([]);

    // Before the event arrives the critical referral is withdrawn: it cannot take the slot, so it passes it on.
    await referrals.apply(critical, { type: 'referralWithdrawn' }, cause());
    expect(await waiting.findById(critical).lean()).toBeNull();
    await inputs.onCapacityFreed(toCritical);
    const toNormal = await freedSlotFor(normal);
    expect(toNormal.payload.passedOver).toEqual([holder, critical]);
    expect(toNormal.causationId).toBe(toCritical.eventId);
    await inputs.onCapacityFreed(toNormal);
    expect(await pathologistOffers(normal)).toEqual([expect.objectContaining({ professionalId: ONLY_PATHOLOGIST, status: 'open' })]);
  });

  it('a pathologist added to the roster during the surge is offered to the waiting referrals at once, one per free slot', async () => {
    await submitted('critical'); // holds the only pathologist
    const critical = await submitted('critical');
    const normal = await submitted('normal');
    const later = await submitted('normal');
    for (const id of [critical, normal, later]) expect(await pathologistSlot(id)).toMatchObject({ phase: 'waiting' });

    await service.app.get(ManageProfessionals).create({
      id: 'pro-lod-path-1',
      roles: ['forensic-pathologist'],
      homeTown: 'Lodwar',
      homeCounty: 'Turkana',
      maxTravelKm: 300,
      capacity: 2,
      languages: ['sw'],
      credentials: [{ kind: 'practising-certificate', expiresOn: '2030-01-31' }],
      contact: { phone: '+254700999888' },
    });
    const toCritical = await freedSlotFor(critical);
    const toNormal = await freedSlotFor(normal);
    expect(toCritical.payload).toEqual({ referralId: critical, professionalId: 'pro-lod-path-1', passedOver: [] });
    expect(toNormal.payload.passedOver).toEqual([critical]);
    for (const event of [toCritical, toNormal]) await inputs.onCapacityFreed(event);
    for (const id of [critical, normal]) {
      expect(await pathologistOffers(id)).toEqual([expect.objectContaining({ professionalId: 'pro-lod-path-1', status: 'open' })]);
    }
    // Two slots, two referrals told: the third keeps waiting for the next one freed.
    expect(freed.messages.filter((e) => e.key === later)).toEqual([]);
    expect(await pathologistSlot(later)).toMatchObject({ phase: 'waiting' });
  });

  it('a pathologist imported from the roster CSV during the surge is offered to the waiting referral', async () => {
    await submitted('critical'); // holds the only pathologist
    const waitingOne = await submitted('critical');
    const header = 'id,roles,homeTown,homeCounty,maxTravelKm,capacity,languages,credentials,conflicts,phone,email';
    const row = 'pro-lod-path-2,forensic-pathologist,Lodwar,Turkana,300,1,sw,practising-certificate:2030-06-30,,+254700999777,';
    await service.app.get(ImportRoster).execute(`${header}\n${row}\n`, 'ops-1');
    expect((await freedSlotFor(waitingOne)).payload).toEqual({ referralId: waitingOne, professionalId: 'pro-lod-path-2', passedOver: [] });
  });

  it('a waiting role goes to ops when its search window closes', async () => {
    const escalated = await record(TOPICS.referralEscalated);
    await submitted('critical');
    const second = await submitted('critical');
    expect(await pathologistSlot(second)).toMatchObject({ phase: 'waiting' });
    await referrals.apply(second, { type: 'searchTimeUp' }, cause());
    expect(await pathologistSlot(second)).toMatchObject({ phase: 'unfilled' });
    expect(await waiting.findById(second).lean()).toBeNull();
    await eventually(() =>
      expect(escalated.messages.find((e) => e.key === second)).toMatchObject({
        payload: { role: 'forensic-pathologist', reason: 'nobody accepted before the search window closed' },
      }),
    );
  });
});
