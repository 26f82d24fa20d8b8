import type { Role, Urgency } from '@haki/vocabulary';
import { decide, type Command, type MatchingEvent, type ReferralState } from './offer-machine';
import { DEFAULT_POLICY_TABLE, type OfferPolicy } from './policy-table';

// One input's run of the offer policy: decide() on the input, its commands carried out, and what they feed
// back (the candidates a search found, an offer that could not go out, an ops assignment agreed by phone)
// decided in the same run, until nothing is left. The matching service runs it against its database and
// Kafka (async); the simulator runs the very same steps against its in-memory world (sync), so what the
// simulator measures is the order and feedback the deployed service has. Only the effects differ.

export type OfferCommand = Extract<Command, { type: 'offer' }>;
export type ReleaseCommand = Extract<Command, { type: 'releaseCapacity' }>;
export type SearchCommand = Extract<Command, { type: 'widenSearch' }>;
/** The commands carried out as they are: messages, timers, escalations, and offers whose slot is reserved. */
export type CarriedOutCommand = Exclude<Command, ReleaseCommand | SearchCommand>;

/** What became of an offer's reservation: a slot held, the professional full, or gone / on leave since ranked. */
export type OfferOutcome = 'reserved' | 'full' | 'unavailable';

/** A search's answer: the ranked candidates, and whether someone busy qualifies (surge triage's `waitable`). */
export interface SearchResult {
  candidates: string[];
  waitable?: boolean;
}

/**
 * What the caller does for the run, in this order for each decision: every `release` (freeing a slot
 * before new offers take one), one `reserve` for all the decision's offers at once (so a critical case's
 * six reservations are one round of I/O), then each other command in decide()'s order (a `search`, or a
 * `carryOut`: an offer that was reserved, a message, a timer), and last `decided` with the states before
 * and after the decision.
 */
export interface PolicyEffects<Async extends boolean = false> {
  decided(before: ReferralState | undefined, after: ReferralState): Result<void, Async>;
  release(command: ReleaseCommand): Result<void, Async>;
  /** One outcome per offer, in the same order. */
  reserve(offers: readonly OfferCommand[]): Result<readonly OfferOutcome[], Async>;
  search(command: SearchCommand): Result<SearchResult, Async>;
  carryOut(command: CarriedOutCommand): Result<void, Async>;
}
type Result<T, Async extends boolean> = Async extends true ? T | Promise<T> : T;

type Effect =
  | { kind: 'decided'; before: ReferralState | undefined; after: ReferralState }
  | { kind: 'release'; command: ReleaseCommand }
  | { kind: 'reserve'; offers: readonly OfferCommand[] }
  | { kind: 'search'; command: SearchCommand }
  | { kind: 'carryOut'; command: CarriedOutCommand };

type PolicyTable = Readonly<Record<Urgency, OfferPolicy>>;

/** The run as a sequence of effects; each effect's answer comes back through `next()`. */
function* policySteps(
  initial: ReferralState | undefined,
  input: MatchingEvent,
  now: () => number,
  table: PolicyTable,
): Generator<Effect, ReferralState, unknown> {
  let state = initial;
  const inputs: MatchingEvent[] = [input];
  for (let next = inputs.shift(); next; next = inputs.shift()) {
    const before = state;
    const { state: after, commands } = decide(state, next, now(), table);
    state = after;
    for (const command of commands) if (command.type === 'releaseCapacity') yield { kind: 'release', command };
    const offers = commands.filter((command) => command.type === 'offer');
    const outcomes = offers.length > 0 ? ((yield { kind: 'reserve', offers }) as readonly OfferOutcome[]) : [];
    for (const command of commands) {
      if (command.type === 'releaseCapacity') continue;
      if (command.type === 'widenSearch') {
        const found = (yield { kind: 'search', command }) as SearchResult;
        inputs.push(candidatesFound(command.role, command.step, found));
      } else if (command.type === 'offer') {
        const outcome = outcomes[offers.indexOf(command)];
        if (outcome === 'reserved') {
          yield { kind: 'carryOut', command };
          if (command.manual) inputs.push({ type: 'offerAccepted', offerId: command.offerId }); // agreed by phone
        } else {
          inputs.push(offerNotSent(command, outcome ?? 'full'));
        }
      } else {
        yield { kind: 'carryOut', command };
      }
    }
    yield { kind: 'decided', before, after };
  }
  return state!;
}

const candidatesFound = (role: Role, step: number, found: SearchResult): MatchingEvent => ({
  type: 'candidatesFound',
  role,
  step,
  candidates: found.candidates,
  ...(found.waitable !== undefined ? { waitable: found.waitable } : {}),
});

/**
 * An offer that could not go out. Someone gone or on leave is skipped for the rest of the referral; an
 * ops assignment to them, and any offer to someone full, fails just that offer.
 */
function offerNotSent(command: OfferCommand, outcome: Exclude<OfferOutcome, 'reserved'>): MatchingEvent {
  return outcome === 'unavailable' && !command.manual
    ? { type: 'professionalUnavailable', professionalId: command.professionalId }
    : { type: 'capacityUnavailable', offerId: command.offerId };
}

function answer(effect: Effect, effects: PolicyEffects<boolean>): unknown {
  switch (effect.kind) {
    case 'decided':
      return effects.decided(effect.before, effect.after);
    case 'release':
      return effects.release(effect.command);
    case 'reserve':
      return effects.reserve(effect.offers);
    case 'search':
      return effects.search(effect.command);
    case 'carryOut':
      return effects.carryOut(effect.command);
  }
}

/** Runs the policy over one input with synchronous effects (the simulator, tests); returns the final state. */
export function runPolicy(
  initial: ReferralState | undefined,
  input: MatchingEvent,
  now: () => number,
  effects: PolicyEffects,
  table: PolicyTable = DEFAULT_POLICY_TABLE,
): ReferralState {
  const steps = policySteps(initial, input, now, table);
  for (let step = steps.next(); ;) {
    if (step.done) return step.value;
    step = steps.next(answer(step.value, effects));
  }
}

/** The same run with effects that do I/O (the matching service). */
export async function runPolicyAsync(
  initial: ReferralState | undefined,
  input: MatchingEvent,
  now: () => number,
  effects: PolicyEffects<true>,
  table: PolicyTable = DEFAULT_POLICY_TABLE,
): Promise<ReferralState> {
  const steps = policySteps(initial, input, now, table);
  for (let step = steps.next(); ;) {
    if (step.done) return step.value;
    step = steps.next(await answer(step.value, effects));
  }
}
