import { Injectable } from '@nestjs/common';
import { EventFactory, TOPICS, type EventCause, type PayloadOf, type Topic } from '@haki/contracts';
import type {
  CarriedOutCommand,
  EscalationReason,
  OfferCommand,
  OfferOutcome,
  PolicyEffects,
  ReferralState,
  ReleaseCommand,
  SearchCommand,
  SearchResult,
} from '@haki/matching-core';
import { toOutbox, type OutboxEntry } from '@haki/platform-messaging';
import { FaultInjector } from '@haki/platform-runtime';
import { CapacityLedger } from '../roster/capacity';
import { CandidateRanking } from '../roster/candidate-ranking';
import { RosterSnapshot } from '../roster/roster-snapshot';
import { SurgeTriage } from '../surge-triage/surge-triage';
import type { ReferralFacts } from './referral-decision.model';

/** One run of the policy over one input: what the commands need, and what they produce. */
export interface PolicyRun {
  facts: ReferralFacts;
  rationales: Record<string, string>;
  cause: EventCause;
  /**
   * Prefix of this run's event ids: `<referral>/<write number>`. A run repeated after a crash before its
   * write makes the same ids (nothing of the first run was published); a run after the write has the
   * next number, so new events never take the ids of published ones.
   */
  idPrefix: string;
  /** Events to publish with the new state (the outbox). */
  events: OutboxEntry[];
}

const ESCALATION_REASONS: Record<EscalationReason, string> = {
  'no-candidates': 'nobody eligible is left to ask',
  'search-time-up': 'nobody accepted before the search window closed',
  'assignee-unavailable': 'the professional ops assigned is full or left the roster',
};

const LIFECYCLE_TOPICS = {
  confirm: TOPICS.assignmentConfirmed,
  remind: TOPICS.assignmentReminded,
  complete: TOPICS.assignmentCompleted,
} as const;

/**
 * Carries out matching-core's commands: the effects of its policy run (`runPolicyAsync`, which decides
 * their order and what each feeds back, the same steps the simulator runs). Capacity is reserved and
 * released here, at once (inserts and deletes against unique keys, safe to repeat); everything else
 * becomes an event in the run's outbox, written together with the state. Timers are events too
 * (`referral.timer-set`), so a crash can never lose one between saving the state and scheduling it.
 */
@Injectable()
export class PolicyCommands {
  constructor(
    private readonly capacity: CapacityLedger,
    private readonly ranking: CandidateRanking,
    private readonly roster: RosterSnapshot,
    private readonly events: EventFactory,
    private readonly faults: FaultInjector,
    private readonly triage: SurgeTriage,
  ) {}

  /**
   * The effects of one policy run. A decision's offers are prepared all at once (a critical case offers
   * six people in one decision: in parallel that is a few round trips instead of two dozen before the
   * first offer can go out); the events then come in the commands' order, so they and their ids come
   * out the same however the reservations raced.
   */
  effectsFor(run: PolicyRun): PolicyEffects<true> {
    return {
      decided: (before, after) => this.reportExpiries(before, after, run),
      release: (command) => this.release(command, run),
      reserve: (offers) => this.prepareOffers(offers, run.facts),
      search: (command) => this.search(command, run),
      carryOut: (command) => this.carryOut(command, run),
    };
  }

  private async release(command: ReleaseCommand, run: PolicyRun): Promise<void> {
    const { referralId } = run.facts;
    await this.capacity.release(command.professionalId, referralId);
    this.roster.noteSlot(command.professionalId, -1);
    return this.offerFreedSlot(run, command.professionalId, [referralId]);
  }

  private async search(command: SearchCommand, run: PolicyRun): Promise<SearchResult> {
    const { k, exclude, ignoreTravelPreference } = command;
    const { candidates, waitable } = await this.ranking.rankForPolicy(run.facts, command.role, { k, exclude, ignoreTravelPreference });
    for (const candidate of candidates) run.rationales[candidate.professionalId] ??= candidate.summary;
    return { candidates: candidates.map((c) => c.professionalId), waitable };
  }

  private carryOut(command: CarriedOutCommand, run: PolicyRun): void {
    const { referralId } = run.facts;
    switch (command.type) {
      case 'offer':
        return this.offer(command, run);
      case 'cancelOffer':
        return this.publish(run, TOPICS.assignmentCancelled, {
          referralId,
          offerId: command.offerId,
          professionalId: command.professionalId,
          role: command.role,
          reason: command.reason,
        });
      case 'confirm':
      case 'remind':
      case 'complete': {
        const topic = LIFECYCLE_TOPICS[command.type];
        const payload = { referralId, offerId: command.offerId, professionalId: command.professionalId, role: command.role };
        return this.publish(run, topic, payload);
      }
      case 'scheduleTimeout':
        return this.publish(run, TOPICS.referralTimerSet, {
          referralId,
          dueAt: new Date(command.at).toISOString(),
          timeout: command.event,
        });
      case 'escalateToOps':
        for (const role of command.roles) {
          this.publish(run, TOPICS.referralEscalated, { referralId, role, reason: ESCALATION_REASONS[command.reason] });
        }
        return;
    }
  }

  /**
   * Whether each offer can go out: someone who left the roster, or went on leave since they were ranked
   * and is not back before the deadline, cannot (an ops assignment, agreed by phone, only needs an active
   * professional); the others get a capacity slot reserved, or are full.
   */
  private async prepareOffers(offers: readonly OfferCommand[], facts: ReferralFacts): Promise<OfferOutcome[]> {
    const outcomes = new Map<string, OfferOutcome>();
    const { referralId } = facts;
    const deadline = facts.deadline ? Date.parse(facts.deadline) : undefined;
    const availability = await Promise.all(offers.map((offer) => this.ranking.availabilityOf(offer.professionalId, Date.now(), deadline)));
    const toReserve: { offer: OfferCommand; capacity: number }[] = [];
    offers.forEach((offer, i) => {
      const { status, capacity } = availability[i]!;
      if (status === 'gone' || (status === 'on-leave' && !offer.manual)) outcomes.set(offer.offerId, 'unavailable');
      else toReserve.push({ offer, capacity });
    });
    const reserved = await this.capacity.reserveAll(
      toReserve.map(({ offer, capacity }) => ({ _id: offer.professionalId, capacity })),
      referralId,
    );
    toReserve.forEach(({ offer }, i) => {
      outcomes.set(offer.offerId, reserved[i] ? 'reserved' : 'full');
      if (reserved[i]) this.roster.noteSlot(offer.professionalId, 1);
    });
    if (toReserve.length) this.faults.reach('matching.after-reserve');
    return offers.map((offer) => outcomes.get(offer.offerId)!);
  }

  /** An offer whose slot is reserved (matching-core feeds back those that could not go out, and accepts an ops assignment). */
  private offer(command: OfferCommand, run: PolicyRun): void {
    const { referralId, serviceType, urgency, countyName } = run.facts;
    const { manual } = command;
    this.publish(run, TOPICS.assignmentOffered, {
      referralId,
      offerId: command.offerId,
      professionalId: command.professionalId,
      role: command.role,
      serviceType,
      urgency,
      countyName,
      rationale: run.rationales[command.professionalId] ?? 'offered by ops',
      expiresAt: new Date(command.expiresAt).toISOString(),
      ...(manual ? { manual: true } : {}),
    });
  }

  /** decide() expires an offer silently (no command): the case timeline and the volunteer still need to know. */
  private reportExpiries(before: ReferralState | undefined, after: ReferralState, run: PolicyRun): void {
    const wasOpen = new Set(before?.offers.filter((offer) => offer.status === 'open').map((offer) => offer.offerId));
    for (const offer of after.offers) {
      if (offer.status !== 'expired' || !wasOpen.has(offer.offerId)) continue;
      const { offerId, professionalId, role } = offer;
      this.publish(run, TOPICS.assignmentExpired, { referralId: run.facts.referralId, offerId, professionalId, role });
    }
  }

  /**
   * Surge triage: a slot of this professional was freed during the run; the first waiting referral (not
   * in `passedOver`) they could serve is told, with an event written together with the run's state.
   */
  async offerFreedSlot(run: PolicyRun, professionalId: string, passedOver: readonly string[]): Promise<void> {
    const taker = await this.triage.takerOfFreedSlot(professionalId, passedOver);
    if (!taker) return;
    const payload = { referralId: taker.referralId, professionalId, passedOver: [...passedOver] };
    this.publish(run, TOPICS.referralCapacityFreed, payload, taker);
  }

  /**
   * An event caused by the run's input, with an id derived from the input and its place in the run; about
   * this referral unless `about` names another (keyed by that one, so its own consumer applies it, and
   * under its correlation id, so its logs follow its own story).
   */
  publish<T extends Topic>(run: PolicyRun, topic: T, payload: PayloadOf<T>, about?: { referralId: string; correlationId: string }): void {
    const idSeed = `${run.idPrefix}/${run.events.length}`;
    const cause = about ? { eventId: run.cause.eventId, correlationId: about.correlationId } : run.cause;
    const key = about?.referralId ?? run.facts.referralId;
    run.events.push(toOutbox(topic, this.events.followUp(cause, { topic, key, payload, idSeed })));
  }
}
