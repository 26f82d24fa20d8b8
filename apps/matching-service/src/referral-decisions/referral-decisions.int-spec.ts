import { randomUUID } from 'node:crypto';
import type { Model } from 'mongoose';
import { EventFactory, TOPICS } from '@haki/contracts';
import type { OfferRecord } from '@haki/matching-core';
import type { ServiceContext } from '@haki/platform-runtime';
import { eventually } from '@haki/testing';
import { AssignProfessional } from '../assign-professional/assign-professional.use-case';
import { ReofferRole } from '../assign-professional/reoffer-role.use-case';
import { ListAttention } from '../attention/list-attention.use-case';
import type { ReferralsInPlay } from '../attention/referral-in-play.model';
import { CAPACITY_SLOTS, OFFER_OUTCOMES, PROFESSIONALS, REFERRAL_DECISIONS, REFERRALS_IN_PLAY } from '../matching.tokens';
import { HistoryPruner } from '../offer-history/history-pruner';
import type { OfferOutcomes } from '../offer-history/offer-outcome.model';
import { HISTORY_DAYS } from '../offer-history/professional-history';
import { CandidateRanking } from '../roster/candidate-ranking';
import { ReferralInputs } from './referral-inputs.controller';
import type { CapacitySlots } from '../roster/capacity';
import type { ProfessionalDocument } from '../roster/professional.model';
import { useMatchingService } from '../test-support/matching-service';
import { cause, postmortem } from '../test-support/referrals';
import { ApplyReferralInput } from './apply-referral-input.use-case';
import type { ReferralDecisions } from './referral-decision.model';

const intake = new EventFactory('intake-service');

describe('the offer policy run by the matching service, on real Kafka, MongoDB-wire and Redis', () => {
  let service: ServiceContext;
  let referrals: ApplyReferralInput;
  let decisions: ReferralDecisions;
  let slots: CapacitySlots;
  // These tests change the roster in the database directly: read it fresh for every ranking.
  const { service: matchingService, record } = useMatchingService({ ROSTER_REFRESH_MS: '0' });

  beforeEach(async () => {
    service = matchingService();
    referrals = service.app.get(ApplyReferralInput);
    decisions = service.app.get(REFERRAL_DECISIONS);
    slots = service.app.get(CAPACITY_SLOTS);
  });

  const offersOf = async (referralId: string, role?: string): Promise<OfferRecord[]> =>
    (await decisions.findById(referralId).lean())!.policy.offers.filter((offer) => !role || offer.role === role);
  const slotHolders = async (referralId: string) => (await slots.find({ referralId }).lean()).map((slot) => slot.professionalId).sort();
  const holdingOffers = (offers: OfferRecord[]) =>
    offers.filter((offer) => ['open', 'accepted', 'active'].includes(offer.status)).map((offer) => offer.professionalId);

  it('offers a critical postmortem to three pathologists at once, nearest first, and the advocates alongside', async () => {
    const offered = await record(TOPICS.assignmentOffered);
    const submitted = postmortem('critical');
    await referrals.submit(submitted);
    const referralId = submitted.payload.referralId;

    const pathologists = await offersOf(referralId, 'forensic-pathologist');
    expect(pathologists).toHaveLength(3);
    expect(pathologists[0]!.professionalId).toBe('pro-eld-path-1');
    expect(pathologists.every((offer) => offer.status === 'open')).toBe(true);
    const advocates = await offersOf(referralId, 'advocate');
    expect(advocates.length).toBeGreaterThan(0);
    expect(await slotHolders(referralId)).toEqual(holdingOffers(await offersOf(referralId)).sort());

    const total = pathologists.length + advocates.length;
    await eventually(() => expect(offered.messages).toHaveLength(total));
    expect(offered.messages.find((event) => event.payload.professionalId === 'pro-eld-path-1')).toMatchObject({
      causationId: submitted.eventId,
      correlationId: submitted.correlationId,
      payload: { role: 'forensic-pathologist', rationale: expect.stringMatching(/by road from Eldoret/) },
    });
  });

  it('re-ranks an amended referral from its new place and urgency, keeps the open offer, and stops on withdrawal by intake', async () => {
    const submitted = postmortem('normal');
    await referrals.submit(submitted);
    const referralId = submitted.payload.referralId;
    const [first] = await offersOf(referralId, 'forensic-pathologist');
    expect(first!.professionalId).toBe('pro-eld-path-1');

    // Intake corrects it: the death was in Mombasa, and the burial is tomorrow.
    const { submittedAt: _submittedAt, ...facts } = submitted.payload;
    const amended = intake.create({
      topic: TOPICS.referralAmended,
      key: referralId,
      correlationId: submitted.correlationId,
      payload: {
        ...facts,
        urgency: 'critical',
        countyCode: 1,
        countyName: 'Mombasa',
        coarseLocation: { lat: -4.1, lon: 39.7 },
        version: 2,
        changed: ['place', 'urgency'],
        amendedAt: new Date().toISOString(),
      },
    });
    await referrals.amend(amended);
    await referrals.amend(amended); // redelivered: applied once
    const pathologists = await offersOf(referralId, 'forensic-pathologist');
    expect(pathologists).toHaveLength(3); // critical now: three at once, the first offer among them
    expect(pathologists[0]).toMatchObject({ professionalId: 'pro-eld-path-1', status: 'open' });
    const record = await decisions.findById(referralId).lean();
    expect(record!.facts).toMatchObject({ countyName: 'Mombasa', urgency: 'critical', submittedAt: submitted.payload.submittedAt });
    expect(record!.rationales[pathologists[1]!.professionalId]).toMatch(/from/);
    expect(await service.app.get<ReferralsInPlay>(REFERRALS_IN_PLAY).findById(referralId).lean()).toMatchObject({
      urgency: 'critical',
      countyCode: 1,
    });

    // A correction of the sealed details alone changes nothing matching decides.
    const version = record!.version;
    await referrals.amend({ ...amended, eventId: randomUUID(), payload: { ...amended.payload, version: 3, changed: ['details'] } });
    expect((await decisions.findById(referralId).lean())!.version).toBe(version);

    const withdrawal = intake.create({
      topic: TOPICS.referralWithdrawalRequested,
      key: referralId,
      correlationId: submitted.correlationId,
      payload: { referralId, reason: 'family found help', recordedBy: 'intake-test' },
    });
    await service.app.get(ReferralInputs).onWithdrawalRequested(withdrawal);
    expect((await decisions.findById(referralId).lean())!.status).toBe('withdrawn');
    expect(await slotHolders(referralId)).toEqual([]);
  });

  it('gives the role to the first to accept: the other offers are cancelled and their slots freed at once', async () => {
    const cancelled = await record(TOPICS.assignmentCancelled);
    const confirmed = await record(TOPICS.assignmentConfirmed);
    const submitted = postmortem('critical');
    await referrals.submit(submitted);
    const referralId = submitted.payload.referralId;
    const [first, ...others] = await offersOf(referralId, 'forensic-pathologist');

    await referrals.apply(referralId, { type: 'offerAccepted', offerId: first!.offerId }, cause());

    const after = await offersOf(referralId, 'forensic-pathologist');
    expect(after.map((offer) => offer.status)).toEqual(['accepted', 'cancelled', 'cancelled']);
    const holders = await slotHolders(referralId);
    expect(holders).toContain(first!.professionalId);
    for (const other of others) expect(holders).not.toContain(other.professionalId);
    await eventually(() => expect(confirmed.messages.map((event) => event.payload.offerId)).toEqual([first!.offerId]));
    await eventually(() =>
      expect(cancelled.messages.map((event) => [event.payload.offerId, event.payload.reason]).sort()).toEqual(
        others.map((offer) => [offer.offerId, 'filled']).sort(),
      ),
    );

    // A second "yes" for a filled role, or a late answer, changes nothing.
    await referrals.apply(referralId, { type: 'offerAccepted', offerId: others[0]!.offerId }, cause());
    expect((await offersOf(referralId, 'forensic-pathologist')).map((offer) => offer.status)).toEqual([
      'accepted',
      'cancelled',
      'cancelled',
    ]);
  });

  it('moves on after a decline or an expiry, one volunteer at a time for a normal referral', async () => {
    const expired = await record(TOPICS.assignmentExpired);
    const submitted = postmortem('normal');
    await referrals.submit(submitted);
    const referralId = submitted.payload.referralId;
    const [first] = await offersOf(referralId, 'forensic-pathologist');
    expect(await offersOf(referralId, 'forensic-pathologist')).toHaveLength(1);

    await referrals.apply(referralId, { type: 'offerDeclined', offerId: first!.offerId }, cause());
    const [, second] = await offersOf(referralId, 'forensic-pathologist');
    expect(second).toMatchObject({ status: 'open' });
    expect(second!.professionalId).not.toBe(first!.professionalId);

    await referrals.apply(referralId, { type: 'offerExpired', offerId: second!.offerId }, cause());
    const statuses = (await offersOf(referralId, 'forensic-pathologist')).map((offer) => offer.status);
    expect(statuses).toEqual(['declined', 'expired', 'open']);
    await eventually(() => expect(expired.messages.map((event) => event.payload.offerId)).toEqual([second!.offerId]));
    expect(await slotHolders(referralId)).toEqual(holdingOffers(await offersOf(referralId)).sort());

    // An undelivered offer is not a "no": it moves on without using up the volunteer's round.
    const third = (await offersOf(referralId, 'forensic-pathologist'))[2]!;
    await referrals.apply(referralId, { type: 'deliveryFailed', offerId: third.offerId }, cause());
    expect((await offersOf(referralId, 'forensic-pathologist')).map((offer) => offer.status)).toEqual([
      'declined',
      'expired',
      'undelivered',
      'open',
    ]);
  });

  it('ops offer a role left to them again: whoever let the offer lapse is asked again, whoever declined is not', async () => {
    const requested = await record(TOPICS.assignmentReofferRequested);
    const professionals = service.app.get<Model<ProfessionalDocument>>(PROFESSIONALS);
    // Two pathologists on the roster: the first declines, the second never answers.
    await professionals.updateMany(
      { roles: 'forensic-pathologist', _id: { $nin: ['pro-eld-path-1', 'pro-ksm-path-1'] } },
      { $set: { active: false } },
    );
    const submitted = postmortem('normal');
    await referrals.submit(submitted);
    const referralId = submitted.payload.referralId;
    const [first] = await offersOf(referralId, 'forensic-pathologist');
    await referrals.apply(referralId, { type: 'offerDeclined', offerId: first!.offerId }, cause());
    const [, second] = await offersOf(referralId, 'forensic-pathologist');
    await referrals.apply(referralId, { type: 'offerExpired', offerId: second!.offerId }, cause());
    const role = async () => (await decisions.findById(referralId).lean())!.policy.roles.find((r) => r.role === 'forensic-pathologist');
    expect(await role()).toMatchObject({ phase: 'unfilled' });
    await referrals.apply(referralId, { type: 'searchTimeUp' }, cause()); // and the search window has closed
    expect((await decisions.findById(referralId).lean())!.policy.searchClosed).toBe(true);
    const timers = await record(TOPICS.referralTimerSet);

    const reoffer = service.app.get(ReofferRole);
    await expect(reoffer.execute(referralId, { recordedBy: 'ops-1' })).rejects.toMatchObject({
      code: 'ASSIGNMENT.INVALID',
      fields: [{ field: 'role', reason: expect.any(String) }],
    });
    await expect(reoffer.execute(referralId, { role: 'psychologist', recordedBy: 'ops-1' })).rejects.toMatchObject({
      code: 'ASSIGNMENT.ROLE_NOT_NEEDED',
    });
    expect(await reoffer.execute(referralId, { role: 'forensic-pathologist', recordedBy: 'ops-1' })).toEqual({
      referralId,
      role: 'forensic-pathologist',
      status: 'recorded',
    });
    await eventually(() => expect(requested.messages).toHaveLength(1));
    expect(requested.messages[0]!.payload).toEqual({ referralId, role: 'forensic-pathologist', recordedBy: 'ops-1' });
    const inputs = service.app.get(ReferralInputs);
    await inputs.onReofferRequested(requested.messages[0]!);
    await inputs.onReofferRequested(requested.messages[0]!); // redelivered: applied once

    const offers = await offersOf(referralId, 'forensic-pathologist');
    expect(offers.map((offer) => [offer.professionalId, offer.status])).toEqual([
      [first!.professionalId, 'declined'],
      [second!.professionalId, 'expired'],
      [second!.professionalId, 'open'],
    ]);
    expect(await slotHolders(referralId)).toContain(second!.professionalId);
    const reopened = (await decisions.findById(referralId).lean())!;
    expect(reopened.status).toBe('searching');
    // The window is open again, with its own timer.
    expect(reopened.policy.searchClosed).toBe(false);
    const closesAt = reopened.policy.searchClosesAt;
    await eventually(() =>
      expect(timers.messages.map((event) => event.payload.timeout)).toContainEqual({ type: 'searchTimeUp', at: closesAt }),
    );
    // Offered again now: the role is no longer left to ops.
    await expect(reoffer.execute(referralId, { role: 'forensic-pathologist', recordedBy: 'ops-1' })).rejects.toMatchObject({
      code: 'ASSIGNMENT.ROLE_NOT_UNFILLED',
    });
  });

  it('drops an input whose event was applied already, and never reuses the ids of published events', async () => {
    const offered = await record(TOPICS.assignmentOffered);
    const submitted = postmortem('normal');
    await referrals.submit(submitted);
    const referralId = submitted.payload.referralId;
    const declinedFirst = cause();
    const [first] = await offersOf(referralId, 'forensic-pathologist');
    await referrals.apply(referralId, { type: 'offerDeclined', offerId: first!.offerId }, declinedFirst);
    const second = (await offersOf(referralId, 'forensic-pathologist'))[1]!;
    const version = (await decisions.findById(referralId).lean())!.version;
    // The same event again (a redelivery): the record remembers it, whatever the input says.
    await referrals.apply(referralId, { type: 'offerDeclined', offerId: second.offerId }, declinedFirst);
    expect((await decisions.findById(referralId).lean())!.version).toBe(version);
    expect((await offersOf(referralId, 'forensic-pathologist')).map((offer) => offer.status)).toEqual(['declined', 'open']);
    await referrals.apply(referralId, { type: 'offerDeclined', offerId: second.offerId }, cause());

    const pathologistOffers = await offersOf(referralId, 'forensic-pathologist');
    expect(pathologistOffers.map((offer) => offer.status)).toEqual(['declined', 'declined', 'open']);
    await eventually(() =>
      expect(offered.messages.filter((event) => event.payload.role === 'forensic-pathologist').map((e) => e.payload.offerId)).toEqual(
        pathologistOffers.map((offer) => offer.offerId),
      ),
    );
    const ids = offered.messages.map((event) => event.eventId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('handles a redelivered referral as the same one: the same offers, slots and event ids', async () => {
    const offered = await record(TOPICS.assignmentOffered);
    const submitted = postmortem('critical');
    for (let delivery = 0; delivery < 3; delivery++) await referrals.submit(submitted);
    const offers = await offersOf(submitted.payload.referralId);
    expect(new Set(offers.map((offer) => offer.professionalId)).size).toBe(offers.length);
    expect(await slotHolders(submitted.payload.referralId)).toEqual(holdingOffers(offers).sort());
    await eventually(() => expect(offered.messages).toHaveLength(offers.length));
    const next = postmortem('critical');
    await referrals.submit(next); // published after the first: a duplicate of the first would come before it
    await eventually(() => expect(offered.messages.map((event) => event.key)).toContain(next.payload.referralId));
    expect(offered.messages.filter((event) => event.key === submitted.payload.referralId)).toHaveLength(offers.length);
  });

  it('escalates a required role to ops at once when nobody qualifies, not even someone busy, holding no capacity for it', async () => {
    const escalated = await record(TOPICS.referralEscalated);
    const professionals = service.app.get<Model<ProfessionalDocument>>(PROFESSIONALS);
    // Nobody on the roster: nobody would take it even with a slot free (a role that only lacks a free
    // slot waits for one: surge-triage.int-spec.ts).
    await professionals.updateMany({}, { $set: { active: false } });
    const submitted = postmortem('critical');
    await referrals.submit(submitted);

    expect(await offersOf(submitted.payload.referralId, 'forensic-pathologist')).toEqual([]);
    expect((await decisions.findById(submitted.payload.referralId).lean())!.status).toBe('escalated');
    expect(await slotHolders(submitted.payload.referralId)).toEqual([]);
    await eventually(() => expect(escalated.messages.map((event) => event.key)).toContain(submitted.payload.referralId));
    expect(escalated.messages.find((event) => event.key === submitted.payload.referralId)).toMatchObject({
      causationId: submitted.eventId,
      payload: { role: 'forensic-pathologist', reason: 'nobody eligible is left to ask' },
    });
  });

  it('lists the referrals that need ops from those in play, oldest first, and forgets a finished one', async () => {
    const professionals = service.app.get<Model<ProfessionalDocument>>(PROFESSIONALS);
    await professionals.updateMany({ roles: 'forensic-pathologist' }, { $set: { active: false } });
    const older = postmortem('normal');
    const newer = postmortem('critical');
    newer.payload.submittedAt = new Date(Date.parse(older.payload.submittedAt) + 1_000).toISOString();
    await referrals.submit(newer);
    await referrals.submit(older);
    const attention = service.app.get(ListAttention);
    const ours = new Set([older.payload.referralId, newer.payload.referralId]);
    const listed = async (query: Record<string, string>) => {
      const page = await attention.execute(query);
      return { ids: page.items.map((item) => item.referralId).filter((id) => ours.has(id)), next: page.next };
    };
    expect((await listed({ reason: 'unfilled-role' })).ids).toEqual([older.payload.referralId, newer.payload.referralId]);
    expect((await listed({ reason: 'unfilled-role', urgency: 'critical' })).ids).toEqual([newer.payload.referralId]);
    const firstPage = await listed({ reason: 'unfilled-role', limit: '1' });
    expect(firstPage.ids).toEqual([older.payload.referralId]);
    expect((await listed({ reason: 'unfilled-role', after: firstPage.next! })).ids).toEqual([newer.payload.referralId]);

    await referrals.apply(older.payload.referralId, { type: 'referralWithdrawn' }, cause());
    expect((await listed({ reason: 'unfilled-role' })).ids).toEqual([newer.payload.referralId]);
    const inPlay = service.app.get<ReferralsInPlay>(REFERRALS_IN_PLAY);
    expect(await inPlay.findById(older.payload.referralId).lean()).toBeNull();
  });

  it('after an escalation ops assign by hand (an override needs a reason), reassign, complete; history feeds the ranking', async () => {
    const requested = await record(TOPICS.assignmentRequested);
    const confirmed = await record(TOPICS.assignmentConfirmed);
    const completed = await record(TOPICS.assignmentCompleted);
    const professionals = service.app.get<Model<ProfessionalDocument>>(PROFESSIONALS);
    const pathologists = { roles: 'forensic-pathologist' as const };
    await professionals.updateMany(pathologists, { $set: { active: false } });
    const submitted = postmortem('normal');
    await referrals.submit(submitted); // nobody at any widening step: the role goes to ops at once
    const referralId = submitted.payload.referralId;
    const pathologistRole = async () =>
      (await decisions.findById(referralId).lean())!.policy.roles.find((r) => r.role === 'forensic-pathologist');
    expect(await pathologistRole()).toMatchObject({ phase: 'unfilled' });
    // Back on the roster, but unwilling to travel that far: the ranking still leaves them out.
    await professionals.updateMany(pathologists, { $set: { active: true, maxTravelKm: 10 } });

    const assign = service.app.get(AssignProfessional);
    const request = { role: 'forensic-pathologist', professionalId: 'pro-nbo-path-1', recordedBy: 'ops-1' };
    await expect(assign.execute(referralId, request)).rejects.toMatchObject({
      code: 'ASSIGNMENT.NOT_ELIGIBLE',
      message: expect.stringContaining('travel-preference'),
    });
    const recorded = await assign.execute(referralId, { ...request, overrideReason: 'agreed to drive up; expenses covered' });
    expect(recorded).toMatchObject({ notEligibleBecause: 'travel-preference', status: 'recorded' });
    const inputs = service.app.get(ReferralInputs);
    await eventually(() => expect(requested.messages).toHaveLength(1));
    await inputs.onAssignmentRequested(requested.messages[0]!);
    const manual = (await offersOf(referralId, 'forensic-pathologist')).at(-1)!;
    expect(manual).toMatchObject({ professionalId: 'pro-nbo-path-1', status: 'accepted', manual: true });
    expect(await slotHolders(referralId)).toContain('pro-nbo-path-1');
    expect(await pathologistRole()).toMatchObject({ phase: 'accepted' });
    const rationale = (await decisions.findById(referralId).lean())!.rationales['pro-nbo-path-1'];
    expect(rationale).toBe('assigned by ops (ops-1); not eligible (travel-preference), overridden: agreed to drive up; expenses covered');

    // Reassignment: the first assignee is released and their slot freed.
    await assign.execute(referralId, { ...request, professionalId: 'pro-nbo-path-2', overrideReason: 'closer to the airstrip' });
    await eventually(() => expect(requested.messages).toHaveLength(2));
    await inputs.onAssignmentRequested(requested.messages[1]!);
    const after = await offersOf(referralId, 'forensic-pathologist');
    expect(after.find((offer) => offer.offerId === manual.offerId)!.status).toBe('released');
    const second = after.at(-1)!;
    expect(second).toMatchObject({ professionalId: 'pro-nbo-path-2', status: 'accepted' });
    expect(await slotHolders(referralId)).not.toContain('pro-nbo-path-1');
    await eventually(() =>
      expect(confirmed.messages.map((event) => event.payload.professionalId)).toEqual(['pro-nbo-path-1', 'pro-nbo-path-2']),
    );

    await referrals.apply(referralId, { type: 'assignmentCompleted', offerId: second.offerId }, cause());
    expect(await slotHolders(referralId)).not.toContain('pro-nbo-path-2');
    await eventually(() => expect(completed.messages.map((event) => event.payload.offerId)).toEqual([second.offerId]));

    // The history: pro-nbo-path-2's assignment now counts in their explanation (recent assignments, cooldown).
    const outcomes = service.app.get<OfferOutcomes>(OFFER_OUTCOMES);
    expect(await outcomes.findById(second.offerId).lean()).toMatchObject({
      professionalId: 'pro-nbo-path-2',
      status: 'completed',
      manual: true,
    });
    await professionals.updateMany(pathologists, { $set: { maxTravelKm: 700 } });
    const ranked = await service.app.get(CandidateRanking).rank(postmortem('normal').payload, 'forensic-pathologist');
    const explained = ranked.find((candidate) => candidate.professionalId === 'pro-nbo-path-2')!;
    expect(explained.factors.find((factor) => factor.name === 'recent')!.value).toBe(1);
    // History beyond the ranking's window is removed; this month's stays.
    const pruner = service.app.get(HistoryPruner);
    expect(await pruner.prune(Date.now())).toBe(0);
    const stored = await outcomes.countDocuments();
    expect(stored).toBeGreaterThan(0);
    expect(await pruner.prune(Date.now() + (HISTORY_DAYS + 1) * 86_400_000)).toBe(stored);
    expect(await outcomes.countDocuments()).toBe(0);
  });
});
