import { HakiError } from '@haki/contracts';
import type { Principal } from '@haki/platform-access';
import { formatNairobiTime, readClocks, URGENCIES, type ClockFacts, type ClockRule, type Urgency } from '@haki/vocabulary';
import type { ReferralRequest } from './referral-request';

/** A referral's deadline and urgency, the rule behind them, and staff's change to the urgency if any. */
export interface ReferralTiming {
  urgency: Urgency;
  /** ISO instant (UTC) of the earliest deadline still ahead. */
  deadline?: string;
  rule?: ClockRule;
  /** What the clocks alone make it. */
  clockUrgency: Urgency;
  /** Every clock the facts start, for the worker: the rule in words, the time in Nairobi, passed or not. */
  clocks: { rule: ClockRule; deadline: string; explanation: string; passed: boolean }[];
  urgencyChange?: { from: Urgency; to: Urgency; reason: string };
}

const date = (iso: string | undefined) => (iso === undefined ? undefined : new Date(iso));

/** The facts the medico-legal clocks run on, from whichever kind of referral this is. */
export function clockFactsOf(request: ReferralRequest): ClockFacts {
  const facts: ClockFacts = {};
  if ('death' in request) {
    const { at, plannedBurialAt, bodyReleaseAt } = request.death;
    facts.death = {
      at: new Date(at),
      ...(plannedBurialAt ? { plannedBurialAt: date(plannedBurialAt) } : {}),
      ...(bodyReleaseAt ? { bodyReleaseAt: date(bodyReleaseAt) } : {}),
    };
  }
  if ('incident' in request && request.incident)
    facts.injuries = { at: new Date(request.incident.at), visible: request.incident.injuriesVisible };
  if ('sexualViolence' in request && request.sexualViolence) facts.sexualViolence = { at: new Date(request.sexualViolence.at) };
  if ('arrest' in request && request.arrest) facts.arrest = { at: new Date(request.arrest.at), charged: request.arrest.charged };
  if (request.deadline) facts.staffDeadline = new Date(request.deadline);
  return facts;
}

const moreUrgent = (a: Urgency, b: Urgency) => URGENCIES.indexOf(a) < URGENCIES.indexOf(b);

/**
 * Reads the clocks, then applies staff's urgency: raising it takes a reason; lowering it below what the
 * clocks say takes a reason and a supervisor (a 403 names the field), since a lowered postmortem may
 * miss the burial.
 */
export function timingFor(request: ReferralRequest, caller: Principal, now: Date): ReferralTiming {
  const timing = readClocks(clockFactsOf(request), now);
  const clocks = timing.readings.map((reading) => ({ ...reading, deadline: formatNairobiTime(reading.deadline) }));
  const base = {
    clockUrgency: timing.urgency,
    clocks,
    ...(timing.deadline ? { deadline: timing.deadline.toISOString(), rule: timing.rule } : {}),
  };
  const asked = request.urgency;
  if (asked === undefined || asked === timing.urgency) return { ...base, urgency: timing.urgency };
  const lowering = moreUrgent(timing.urgency, asked);
  if (request.urgencyReason === undefined) {
    const reason = `the clocks make it ${timing.urgency}: say why it should be ${asked}`;
    throw new HakiError('REFERRAL.INVALID', `urgencyReason: ${reason}`, { fields: [{ field: 'urgencyReason', reason }] });
  }
  if (lowering && !caller.roles.includes('supervisor')) {
    const reason = `only a supervisor may make it less urgent than the clocks do (${timing.urgency})`;
    throw new HakiError('REFERRAL.URGENCY_NEEDS_SUPERVISOR', `urgency: ${reason}`, { fields: [{ field: 'urgency', reason }] });
  }
  return { ...base, urgency: asked, urgencyChange: { from: timing.urgency, to: asked, reason: request.urgencyReason } };
}

/**
 * A kept request as it stands now: staff's earlier urgency stays only while it still raises the
 * referral above what the clocks say (the clocks move: a raise may have become the clocks' own, or
 * less than they now say); otherwise the clocks decide again. So re-assessing it later (an amendment
 * of other fields, a duplicate kept separate) never needs a new reason, and never lowers it.
 */
export function withStandingUrgency(request: ReferralRequest, now: Date): ReferralRequest {
  if (request.urgency === undefined) return request;
  const clockUrgency = readClocks(clockFactsOf(request), now).urgency;
  if (moreUrgent(request.urgency, clockUrgency)) return request;
  const { urgency: _urgency, urgencyReason: _reason, ...rest } = request;
  return rest as ReferralRequest;
}
