// Test-only: plays the matching service around the pure offer machine. It executes commands against an
// in-memory roster (capacity reservations), keeps the timeouts it was asked to schedule, and answers
// widenSearch through a callback, so tests can script or randomise everything else.
import type { CompiledRoster } from '../roster/compiled-roster';
import type { Role, Urgency } from '@haki/vocabulary';
import {
  holdsCapacity,
  isTerminal,
  type Command,
  type MatchingEvent,
  type ReferralState,
  type TimeoutEvent,
} from '../policy/offer-machine';
import { DEFAULT_POLICY_TABLE, type OfferPolicy } from '../policy/policy-table';
import { triageOrder, TriagePasses } from '../policy/triage';
import { runPolicy } from '../policy/policy-run';

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
  /** Referrals that freed a slot, one entry per run: as in the service, a referral is not told of its own. */
  private readonly freedBy: string[] = [];
  private readonly triage = new TriagePasses(() => {
    for (let from = this.freedBy.shift(); from !== undefined; from = this.freedBy.shift()) {
      for (const state of triageOrder(this.states.values())) {
        if (state.referralId !== from) this.send(state.referralId, { type: 'capacityFreed' });
      }
    }
  });

  constructor(
    readonly roster: CompiledRoster,
    start: number,
    private readonly widen: (referralId: string, role: Role, step: number, exclude: string[]) => string[] = () => [],
    private readonly table: Readonly<Record<Urgency, OfferPolicy>> = DEFAULT_POLICY_TABLE,
  ) {
    this.now = start;
  }

  /**
   * One input, run as the matching service runs it (matching-core's runPolicy). A slot freed during the
   * run goes to waiting referrals once the run is over, as the service tells them after its write.
   */
  send(referralId: string, event: MatchingEvent): void {
    let freed = false;
    const logged = <C extends Command>(command: C): C => (this.log.push({ referralId, command }), command);
    const state = runPolicy(
      this.states.get(referralId),
      event,
      () => this.now,
      {
        decided: (_before, after) => void this.states.set(referralId, after),
        release: (command) => {
          this.roster.release(logged(command).professionalId);
          freed = true;
        },
        reserve: (offers) => offers.map((offer) => (this.roster.tryReserve(logged(offer).professionalId) ? 'reserved' : 'full')),
        search: (command) => {
          const { role, step, exclude } = logged(command);
          const candidates = this.widen(referralId, role, step, exclude);
          return this.waitable ? { candidates, waitable: this.waitable(referralId, role, step, exclude) } : { candidates };
        },
        // Messages to people (confirm, remind, cancel, escalate) have nothing to simulate; timers are kept.
        carryOut: (command) => {
          if (command.type !== 'offer') logged(command); // an offer was logged when its slot was asked for
          if (command.type === 'scheduleTimeout') this.timers.push({ at: command.at, referralId, event: command.event });
        },
      },
      this.table,
    );
    this.states.set(referralId, state);
    if (freed && this.waitable) {
      this.freedBy.push(referralId);
      this.triage.slotFreed();
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
