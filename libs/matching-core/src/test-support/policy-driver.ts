// Test-only: plays the matching service around the pure offer machine. It executes commands against an
// in-memory roster (capacity reservations), keeps the timeouts it was asked to schedule, and answers
// widenSearch through a callback, so tests can script or randomise everything else.
import type { CompiledRoster } from '../roster/compiled-roster';
import type { Role, Urgency } from '@haki/vocabulary';
import {
  decide,
  holdsCapacity,
  isTerminal,
  type Command,
  type MatchingEvent,
  type ReferralState,
  type TimeoutEvent,
} from '../policy/offer-machine';
import { DEFAULT_POLICY_TABLE, type OfferPolicy } from '../policy/policy-table';
import { triageOrder, TriagePasses } from '../policy/triage';

export interface Timer {
  at: number;
  referralId: string;
  event: TimeoutEvent;
}

export class PolicyDriver {
  readonly states = new Map<string, ReferralState>();
  readonly timers: Timer[] = [];
  readonly log: { referralId: string; command: Command }[] = [];
  now: number;
  /**
   * Surge triage, when given: whether someone not yet asked qualifies but is busy (sent as `waitable`
   * with the candidates), and every freed slot is offered to waiting referrals in triageOrder.
   */
  waitable?: (referralId: string, role: Role, step: number, exclude: string[]) => boolean;
  private readonly triage = new TriagePasses(() => {
    for (const state of triageOrder(this.states.values())) this.send(state.referralId, { type: 'capacityFreed' });
  });

  constructor(
    readonly roster: CompiledRoster,
    start: number,
    private readonly widen: (referralId: string, role: Role, step: number, exclude: string[]) => string[] = () => [],
    private readonly table: Readonly<Record<Urgency, OfferPolicy>> = DEFAULT_POLICY_TABLE,
  ) {
    this.now = start;
  }

  send(referralId: string, event: MatchingEvent): Command[] {
    const { state, commands } = decide(this.states.get(referralId), event, this.now, this.table);
    this.states.set(referralId, state);
    for (const command of commands) this.execute(referralId, command);
    return commands;
  }

  private execute(referralId: string, command: Command): void {
    this.log.push({ referralId, command });
    switch (command.type) {
      case 'offer':
        if (!this.roster.tryReserve(command.professionalId))
          this.send(referralId, { type: 'capacityUnavailable', offerId: command.offerId });
        else if (command.manual) this.send(referralId, { type: 'offerAccepted', offerId: command.offerId }); // agreed by phone
        break;
      case 'releaseCapacity':
        this.roster.release(command.professionalId);
        if (this.waitable) this.triage.slotFreed();
        break;
      case 'scheduleTimeout':
        this.timers.push({ at: command.at, referralId, event: command.event });
        break;
      case 'widenSearch':
        this.send(referralId, {
          type: 'candidatesFound',
          role: command.role,
          step: command.step,
          candidates: this.widen(referralId, command.role, command.step, command.exclude),
          ...(this.waitable ? { waitable: this.waitable(referralId, command.role, command.step, command.exclude) } : {}),
        });
        break;
      default: // confirm, remind, complete, cancelOffer, escalateToOps: messages to people, nothing to simulate
    }
  }

  /** Fires the earliest pending timer (advancing the clock); false when none is left. */
  fireNextTimer(): boolean {
    if (this.timers.length === 0) return false;
    this.timers.sort((a, b) => a.at - b.at);
    const timer = this.timers.shift() as Timer;
    this.now = Math.max(this.now, timer.at);
    this.send(timer.referralId, timer.event);
    return true;
  }

  /** Lets time run until every referral is terminal. Returns false if it would loop forever. */
  runTimersToEnd(maxSteps = 100_000): boolean {
    for (let i = 0; i < maxSteps && [...this.states.values()].some((s) => !isTerminal(s)); i++) if (!this.fireNextTimer()) return false;
    return [...this.states.values()].every(isTerminal);
  }

  openOffers(): { referralId: string; offerId: string; professionalId: string; role: Role }[] {
    return [...this.states.values()].flatMap((s) =>
      s.offers.filter((o) => o.status === 'open').map((o) => ({ referralId: s.referralId, ...o })),
    );
  }

  acceptedOffers(): { referralId: string; offerId: string; professionalId: string }[] {
    return [...this.states.values()].flatMap((s) =>
      s.offers.filter((o) => o.status === 'accepted').map((o) => ({ referralId: s.referralId, ...o })),
    );
  }

  /** Capacity held per professional according to all referral states. */
  heldBy(professionalId: string): number {
    return [...this.states.values()].reduce(
      (n, s) => n + s.offers.filter((o) => o.professionalId === professionalId && holdsCapacity(o.status)).length,
      0,
    );
  }
}
