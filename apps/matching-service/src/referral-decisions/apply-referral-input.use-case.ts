import { Inject, Injectable } from '@nestjs/common';
import { HakiError, TOPICS, type EventCause, type EventEnvelope } from '@haki/contracts';
import {
  holdsCapacity,
  holdsSlotOf,
  isWaitingForCapacity,
  roleNeedsFor,
  runPolicyAsync,
  scalePolicyTable,
  DEFAULT_POLICY_TABLE,
  type MatchingEvent,
  type OfferPolicy,
  type OfferRecord,
  type ReferralState,
} from '@haki/matching-core';
import type { Logger } from '@haki/platform-logging';
import { EventPublisher, flushOutbox, insertOnce } from '@haki/platform-messaging';
import { LOGGER, SERVICE_CONFIG } from '@haki/platform-runtime';
import type { Urgency } from '@haki/vocabulary';
import type { MatchingConfig } from '../config';
import { inPlayEntry, isFinished, type ReferralsInPlay } from '../attention/referral-in-play.model';
import { OFFER_OUTCOMES, REFERRAL_DECISIONS, REFERRALS_IN_PLAY, WAITING_REFERRALS } from '../matching.tokens';
import { OfferMetrics } from '../offer-history/offer-metrics';
import { recordOutcomes, type OfferOutcomes } from '../offer-history/offer-outcome.model';
import { CapacityLedger } from '../roster/capacity';
import { CandidateRanking } from '../roster/candidate-ranking';
import { syncWaiting, type WaitingReferrals } from '../surge-triage/waiting-referral.model';
import { PolicyCommands, type PolicyRun } from './policy-commands';
import { withAppliedInput, type ReferralDecisions, type ReferralFacts } from './referral-decision.model';

type Submitted = EventEnvelope<typeof TOPICS.referralSubmitted>;
type Amended = EventEnvelope<typeof TOPICS.referralAmended>;

/** The parts of an amendment that change whom matching would offer the referral to. */
const RANKED_PARTS: ReadonlySet<string> = new Set(['service', 'place', 'deadline', 'urgency', 'roles', 'language', 'implicated']);

/** How long an intake event about a referral matching has not received may wait for it. */
const ORDER_GRACE_MS = 10 * 60_000;

/**
 * Intake's later events (amended, withdrawal requested) travel on topics of their own, so one can
 * arrive before the referral's `referral.submitted`: retried for a while (a retryable error), then
 * dead-lettered like any event about an unknown referral, so a lost submission cannot stall the partition.
 */
function notReceivedYet(event: EventEnvelope, referralId: string): HakiError {
  const young = Date.now() - Date.parse(event.occurredAt) < ORDER_GRACE_MS;
  return young
    ? new HakiError('MATCHING.REFERRAL_NOT_YET_RECEIVED', `${event.type} for referral ${referralId}, whose submission has not arrived yet`)
    : new HakiError('MATCHING.REFERRAL_NOT_FOUND', `${event.type} for referral ${referralId}, which matching never received`);
}

/**
 * Every input about a referral (its submission, answers, failed deliveries, due timers) goes through
 * here, one at a time per referral: the Kafka consumer that owns the referral's partition is the only
 * writer of its record (docs/decisions/0004), and the record remembers the inputs it applied, so a
 * redelivered one is dropped here (DEDUPED_BY_HANDLER). Each input runs matching-core's policy run
 * (`runPolicyAsync`: `decide()`, its commands carried out by PolicyCommands, and what they feed back, such
 * as candidates found on widening or a professional who turned out to be full, in the same step). The new state and every event it
 * caused are then written in one single-document update: a crash before that write re-runs the input
 * from the old state with the same event ids, a crash after it finds the input already applied.
 * The events are published from here too, not by a background relay: a relay's removal of published
 * entries would be a second writer on the document while this consumer updates it, which FerretDB
 * does not make safe (docs/decisions/0001, 0004).
 */
@Injectable()
export class ApplyReferralInput {
  private readonly policyTable: Readonly<Record<Urgency, OfferPolicy>>;

  constructor(
    @Inject(REFERRAL_DECISIONS) private readonly decisions: ReferralDecisions,
    @Inject(REFERRALS_IN_PLAY) private readonly inPlay: ReferralsInPlay,
    @Inject(WAITING_REFERRALS) private readonly waiting: WaitingReferrals,
    private readonly capacity: CapacityLedger,
    @Inject(OFFER_OUTCOMES) private readonly outcomes: OfferOutcomes,
    private readonly publisher: EventPublisher,
    @Inject(SERVICE_CONFIG) config: MatchingConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly ranking: CandidateRanking,
    private readonly commands: PolicyCommands,
    private readonly offerMetrics: OfferMetrics,
  ) {
    this.policyTable =
      config.POLICY_TIME_SCALE === 1 ? DEFAULT_POLICY_TABLE : scalePolicyTable(DEFAULT_POLICY_TABLE, config.POLICY_TIME_SCALE);
  }

  /** A new referral: rank every role of its team, then start the policy. */
  async submit(event: Submitted): Promise<void> {
    const facts = event.payload;
    const existing = await this.decisions.findById(facts.referralId).lean();
    if (existing) return this.settle(existing); // redelivered: decided already
    const rationales: Record<string, string> = {};
    const roles = await this.rankRoles(facts, rationales);
    const input: MatchingEvent = {
      type: 'referralSubmitted',
      referralId: facts.referralId,
      urgency: facts.urgency,
      ...(facts.deadline ? { deadline: facts.deadline } : {}),
      roles,
    };
    const run = this.newRun(facts, rationales, event, 1);
    const state = await this.decideOrRelease(undefined, input, run);
    await insertOnce(this.inPlay, inPlayEntry(facts)); // before the record: the list never misses it
    const created = await insertOnce(this.decisions, {
      _id: facts.referralId,
      status: state.status,
      facts,
      policy: state,
      rationales: run.rationales,
      correlationId: event.correlationId,
      version: 1,
      appliedInputs: [event.eventId],
      updatedAt: new Date(),
      outbox: run.events,
    });
    if (!created) {
      // Another run stored it first (a stale owner after a rebalance): its state is the truth.
      return this.settle((await this.decisions.findById(facts.referralId).lean())!);
    }
    await this.afterWrite(undefined, state, run);
  }

  /** Intake staff withdrew it: the same input as ops' withdrawal. */
  async withdrawAtIntake(event: EventEnvelope<typeof TOPICS.referralWithdrawalRequested>): Promise<void> {
    const { referralId } = event.payload;
    if (!(await this.decisions.exists({ _id: referralId }))) throw notReceivedYet(event, referralId);
    await this.apply(referralId, { type: 'referralWithdrawn' }, event);
  }

  /**
   * People working the case moved it on: work started makes the accepted assignments active (and any
   * accepted later), closure completes them and ends the search. A closure can overtake the submission
   * (another topic): it waits for it, as intake's withdrawal does, rather than letting a search start
   * for a closed case.
   */
  async applyCaseStatus(event: EventEnvelope<typeof TOPICS.caseStatusChanged>): Promise<void> {
    const { referralId, status } = event.payload;
    if (status !== 'in-progress' && status !== 'closed') return;
    if (!(await this.decisions.exists({ _id: referralId }))) throw notReceivedYet(event, referralId);
    await this.apply(referralId, { type: status === 'closed' ? 'caseClosed' : 'caseWorkStarted' }, event);
  }

  /**
   * Intake corrected the referral. When its place, deadline, urgency, team, language or implicated
   * agency changed, every role is ranked afresh on the new facts and the policy gets the new lists
   * (matching-core's `referralAmended`: whoever holds a role keeps it); other corrections (the sealed
   * details, the source) change nothing matching decides.
   */
  async amend(event: Amended): Promise<void> {
    const { version: _version, changed, amendedAt: _amendedAt, ...amended } = event.payload;
    if (!changed.some((part) => RANKED_PARTS.has(part))) return;
    const record = await this.decisions.findById(amended.referralId).lean();
    if (!record) throw notReceivedYet(event, amended.referralId);
    if ((record.amendedVersion ?? 1) >= event.payload.version) return; // an older amendment, arriving after a newer one
    const facts: ReferralFacts = { ...amended, submittedAt: record.facts.submittedAt };
    const rationales: Record<string, string> = {};
    const roles = await this.rankRoles(facts, rationales);
    const input: MatchingEvent = {
      type: 'referralAmended',
      urgency: facts.urgency,
      ...(facts.deadline ? { deadline: facts.deadline } : {}),
      roles,
    };
    await this.apply(facts.referralId, input, event, { rationales, amendment: { facts, amendedVersion: event.payload.version } });
    // The attention list shows the new urgency and county.
    await this.inPlay.updateOne({ _id: facts.referralId }, { $set: inPlayEntry(facts) });
  }

  /**
   * Surge triage: a slot of `professionalId` was freed and this referral, waiting for capacity, is first in
   * line for it (SurgeTriage). It searches again; if that does not reserve the freed professional (it no
   * longer waits, or found someone else first), the slot is passed on to the next waiting referral, in the
   * same write, so a freed slot never sits unused while a referral it suits waits.
   */
  async capacityFreed(event: EventEnvelope<typeof TOPICS.referralCapacityFreed>): Promise<void> {
    const { referralId, professionalId, passedOver } = event.payload;
    await this.apply(referralId, { type: 'capacityFreed' }, event, {
      freedSlot: { professionalId, passedOver: [...passedOver, referralId] },
    });
  }

  /**
   * Any later input: an answer, a failed delivery, a due timer, an ops action, an amendment, a freed slot.
   * `rationales` explains professionals the input brings in itself (whom ops assigned, and why); an
   * amendment replaces the referral's facts; a freed slot this referral does not take is passed on.
   */
  async apply(referralId: string, input: MatchingEvent, cause: EventCause, extras: InputExtras = {}): Promise<void> {
    const { rationales = {}, amendment, freedSlot } = extras;
    const record = await this.decisions.findById(referralId).lean();
    if (!record)
      throw new HakiError('MATCHING.REFERRAL_NOT_FOUND', `${input.type} for referral ${referralId}, which matching never received`);
    if (record.appliedInputs?.includes(cause.eventId)) return this.settle(record); // redelivered: applied already
    const version = (record.version ?? 0) + 1;
    const run = this.newRun(amendment?.facts ?? record.facts, { ...record.rationales, ...rationales }, cause, version);
    const state = await this.decideOrRelease(record.policy, input, run);
    if (freedSlot && !holdsSlotOf(state, freedSlot.professionalId)) {
      await this.commands.offerFreedSlot(run, freedSlot.professionalId, freedSlot.passedOver);
    }
    // A stale or repeated input changes nothing; a freed slot passed on is still written, with its event.
    if (state === record.policy && run.events.length === 0) return this.settle(record);
    const appliedInputs = withAppliedInput(record.appliedInputs, cause.eventId);
    await this.decisions.updateOne(
      { _id: referralId },
      {
        $set: {
          status: state.status,
          policy: state,
          rationales: run.rationales,
          version,
          appliedInputs,
          updatedAt: new Date(),
          ...(amendment ?? {}),
        },
        ...(run.events.length ? { $push: { outbox: { $each: run.events } } } : {}),
      },
    );
    await this.afterWrite(record.policy, state, run);
  }

  /**
   * Every role of the referral ranked for the policy: the candidates, and whether the role may wait for a
   * slot (surge triage) if they all say no. Each candidate's explanation goes into `rationales`.
   */
  private async rankRoles(facts: ReferralFacts, rationales: Record<string, string>) {
    const needs = roleNeedsFor(facts.serviceType);
    const roles = [];
    for (const role of facts.rolesNeeded) {
      const { candidates, waitable } = await this.ranking.rankForPolicy(facts, role);
      for (const candidate of candidates) rationales[candidate.professionalId] ??= candidate.summary;
      const required = needs.find((need) => need.role === role)?.required ?? true;
      roles.push({ role, required, candidates: candidates.map((candidate) => candidate.professionalId), waitable });
    }
    return roles;
  }

  private newRun(facts: ReferralFacts, rationales: Record<string, string>, cause: EventCause, version: number): PolicyRun {
    return {
      facts,
      rationales,
      cause: { eventId: cause.eventId, correlationId: cause.correlationId },
      idPrefix: `${facts.referralId}/${version}`,
      events: [],
    };
  }

  /** decide() on the input and on everything its commands feed back, until nothing is left. */
  private async decideOrRelease(initial: ReferralState | undefined, input: MatchingEvent, run: PolicyRun): Promise<ReferralState> {
    try {
      return await runPolicyAsync(initial, input, Date.now, this.commands.effectsFor(run), this.policyTable);
    } catch (error) {
      // Nothing of this run is stored: free what it reserved, keeping the stored state's holders.
      await this.releaseUnheld(run.facts.referralId, initial).catch(() => undefined);
      throw error;
    }
  }

  private async afterWrite(before: ReferralState | undefined, state: ReferralState, run: PolicyRun): Promise<void> {
    const { referralId } = run.facts;
    // The waiting queue's entry is written when the referral starts or stops waiting, or its window moved.
    const waitingMayHaveChanged = isWaitingForCapacity(state) || (before !== undefined && isWaitingForCapacity(before));
    const changed = changedOffers(before, state);
    this.offerMetrics.decided(run.facts, before, state, changed);
    await this.settle({ _id: referralId, facts: run.facts, policy: state }, changed, waitingMayHaveChanged);
    const offers = state.offers.map(({ offerId, professionalId, status }) => ({ offerId, professionalId, status }));
    this.logger.info({ referralId, status: state.status, events: run.events.length, offers }, 'referral decided');
  }

  /**
   * After every write, and on every redelivery (which may follow a crash right after a write): only those
   * the state says hold an offer or an assignment keep a slot, the outcomes of `offers` are recorded
   * for ranking (after a write, those it changed; on a redelivery, all of them, as a crash may have
   * come between the write and this), a finished referral leaves the attention list's collection, and
   * the events still in the outbox go out.
   */
  private async settle(
    record: { _id: string; facts: ReferralFacts; policy: ReferralState },
    offers: readonly OfferRecord[] = record.policy.offers,
    waitingMayHaveChanged = true,
  ): Promise<void> {
    const referralId = record._id;
    try {
      await this.releaseUnheld(referralId, record.policy);
      await recordOutcomes(this.outcomes, record.facts, offers);
      if (waitingMayHaveChanged) await syncWaiting(this.waiting, record.policy);
      if (isFinished(record.policy.status)) await this.inPlay.deleteOne({ _id: referralId });
      await flushOutbox(this.decisions, referralId, this.publisher);
    } catch (error) {
      // The state is stored: this must be finished, never dead-lettered, or its events would be stranded.
      throw new HakiError('MATCHING.SETTLE_PENDING', `referral ${referralId}: ${(error as Error).message}`);
    }
  }

  private releaseUnheld(referralId: string, state: ReferralState | undefined): Promise<void> {
    const holders = (state?.offers ?? []).filter((offer) => holdsCapacity(offer.status)).map((offer) => offer.professionalId);
    return this.capacity.releaseAllExcept(referralId, holders);
  }
}

/** What a later input may bring besides the event itself (see `apply`). */
interface InputExtras {
  rationales?: Record<string, string>;
  amendment?: { facts: ReferralFacts; amendedVersion: number };
  freedSlot?: { professionalId: string; passedOver: string[] };
}

/** The offers an input created or changed (status or answer), compared with the state before it. */
function changedOffers(before: ReferralState | undefined, after: ReferralState): OfferRecord[] {
  const previous = new Map(before?.offers.map((offer) => [offer.offerId, offer]));
  return after.offers.filter((offer) => {
    const was = previous.get(offer.offerId);
    return !was || was.status !== offer.status || was.answeredAt !== offer.answeredAt;
  });
}
