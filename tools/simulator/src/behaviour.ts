// How volunteers and the phone network behave. EVERY constant here is an ASSUMPTION to be calibrated
// against the network's own logs (SMS gateway receipts, offer/accept history, call logs, trip times):
// they set plausible magnitudes, not measured values. They apply identically to every strategy, and
// draws are keyed by (referral, volunteer) so the same offer gets the same answer under each strategy.
import type { AreaClass } from '@haki/geography';
import type { Role, ServiceType, Urgency } from '@haki/vocabulary';
import { hashNormal, hashUniform } from './random';

export const BEHAVIOUR = {
  /**
   * P(SMS never delivered), by the volunteer's home area class: coverage thins out of town.
   * Calibrate: SMS gateway delivery receipts by home area.
   */
  smsFailure: { nairobi: 0.02, town: 0.03, rural: 0.07, remote: 0.12 } as Record<AreaClass, number>,
  /** Share of failed SMS the gateway reports as failed (the rest fail silently and the offer just expires). */
  failureReceiptShare: 0.5,
  /** Minutes until a delivery-failure receipt arrives. */
  failureReceiptMinutes: 5,
  /** Response delay is lognormal around the volunteer's own median; this is its log-sd. */
  responseLogSd: 0.8,
  /**
   * Multiplier on every volunteer's median SMS response delay (sensitivity band 0.5–2). Calibrate with the
   * matching service's offer log: sentAt → answeredAt per offer, by urgency, hour and schedule (OfferRecord).
   */
  responseDelayScale: 1,
  /** SMS flagged by urgency are read sooner: response-delay multiplier. Calibrate: offer log, sent → answered, by urgency. */
  urgencyDelay: { critical: 0.5, urgent: 0.8, normal: 1.5 } as Record<Urgency, number>,
  /** By Nairobi local hour: response delay multiplier, acceptance multiplier, P(answering a phone call). */
  day: { fromHour: 7, toHour: 19, delay: 1, accept: 1, answer: 0.8 },
  evening: { fromHour: 19, toHour: 23, delay: 1.5, accept: 0.9, answer: 0.65 },
  night: { delay: 4, accept: 0.7, answer: 0.35 },
  /** Outside the volunteer's declared schedule: slower and less willing. */
  offSchedule: { delay: 2, accept: 0.6, answer: 0.7 },
  /** Load share = open cases / capacity. Delay × (1 + 0.5·share); acceptance × (1 − 0.6·share). At capacity: always no. */
  loadDelayPerShare: 0.5,
  loadAcceptPerShare: 0.6,
  /** Fatigue: acceptance × 0.85 per case accepted in the last 14 days. Calibrate: acceptance vs the volunteer's recent case count. */
  fatiguePerRecentCase: 0.85,
  recentWindowDays: 14,
  /**
   * Distance: acceptance × 1 / (1 + (trip hours / h½)²); pathologists are used to travelling for postmortems.
   * Calibrate with accept/decline per offer against the road trip it asked for (a logistic fit on trip hours).
   */
  travelHalfHours: { 'forensic-pathologist': 6, clinician: 3, psychologist: 3, advocate: 3 } as Record<Role, number>,
  /** Multiplier on every h½ above (sensitivity band 0.5–2: distance deters twice as much / half as much). */
  travelHalfScale: 1,
  /**
   * Travel willingness beyond their declared travel distance (and outside the counties they serve):
   * acceptance × 0.5 (sensitivity band 0.2–0.9). Calibrate with the acceptance rate of the widening step
   * that ignores travel preferences against that of the steps within them (same volunteers, same urgency).
   */
  beyondPreferenceAccept: 0.5,
  // A volunteer who cannot start before the medico-legal deadline says no (they are told the deadline).
  /** Phone calls by the coordinator: minutes per answered / unanswered call. Calibrate: the coordinators' call log. */
  callMinutes: { answered: 6, unanswered: 2 },
  /** Preparation before leaving, minutes (day / night). */
  prepMinutes: { day: 30, night: 60 },
  /** An off-schedule volunteer who accepted starts when their schedule begins, but waits at most this long. */
  maxScheduleWaitMinutes: { critical: 120, urgent: 360, normal: 1440 } as Record<Urgency, number>,
  /**
   * Actual trip = road trip × lognormal(0, 0.15): checkpoints, breakdowns, weather.
   * Calibrate: departure → arrival times reported by volunteers.
   */
  tripLogSd: 0.15,
  /**
   * Remote start (phone consultation) where the role allows it and the volunteer can: minutes after accepting
   * (matching-core's remoteStartMinutes).
   */
  remoteStartMinutes: 30,
  /** First progress report after accepting: lognormal, median minutes and log-sd. */
  progressMedianMinutes: 10,
  progressLogSd: 1,
  /** Days a case holds one of the volunteer's capacity slots after they arrive. */
  caseDays: { postmortem: 3, 'torture-documentation': 10, 'medical-care': 5, 'legal-aid': 21, 'detention-support': 2 } as Record<
    ServiceType,
    number
  >,
};

/** The constants a sensitivity run may override. */
export type BehaviourOverrides = Partial<Pick<typeof BEHAVIOUR, 'responseDelayScale' | 'travelHalfScale' | 'beyondPreferenceAccept'>>;

/** Runs `fn` with some behaviour constants overridden, then restores them (runs are sequential). */
export function withBehaviour<T>(overrides: BehaviourOverrides, fn: () => T): T {
  const saved = Object.fromEntries(Object.keys(overrides).map((k) => [k, BEHAVIOUR[k as keyof BehaviourOverrides]]));
  Object.assign(BEHAVIOUR, overrides);
  try {
    return fn();
  } finally {
    Object.assign(BEHAVIOUR, saved);
  }
}

// Keys for keyed draws: (seed, referral, volunteer, PURPOSE).
const DELIVERY = 1,
  RECEIPT = 2,
  DELAY = 3,
  ACCEPT = 4,
  ANSWER = 5,
  TRIP = 6,
  PROGRESS = 7;

export const localHour = (ms: number): number => Math.floor(((((ms + 3 * 3_600_000) % 86_400_000) + 86_400_000) % 86_400_000) / 3_600_000);

export function hourBand(ms: number): { delay: number; accept: number; answer: number } {
  const h = localHour(ms);
  const { day, evening, night } = BEHAVIOUR;
  if (h >= day.fromHour && h < day.toHour) return day;
  if (h >= evening.fromHour && h < evening.toHour) return evening;
  return night;
}

/** What a volunteer weighs when answering an offer. */
export interface AnswerContext {
  role: Role;
  /** At the moment of answering. */
  at: number;
  onSchedule: boolean;
  onLeave: boolean;
  /** Open cases not counting a slot already reserved for this very offer. */
  load: number;
  capacity: number;
  recentCases: number;
  tripMinutes: number;
  beyondPreference: boolean;
  /** When they would start if they said yes now, vs the deadline. */
  startAt: number;
  deadlineAt: number;
  propensity: number;
}

export function acceptProbability(c: AnswerContext): number {
  if (c.onLeave || c.load >= c.capacity || c.startAt > c.deadlineAt) return 0;
  const b = BEHAVIOUR;
  const hours = c.tripMinutes / 60;
  const half = b.travelHalfHours[c.role] * b.travelHalfScale;
  return (
    c.propensity *
    hourBand(c.at).accept *
    (c.onSchedule ? 1 : b.offSchedule.accept) *
    (1 - b.loadAcceptPerShare * (c.load / c.capacity)) *
    Math.pow(b.fatiguePerRecentCase, c.recentCases) *
    (1 / (1 + (hours / half) ** 2)) *
    (c.beyondPreference ? b.beyondPreferenceAccept : 1)
  );
}

export const accepts = (seed: number, referral: number, volunteer: number, c: AnswerContext): boolean =>
  hashUniform(seed, referral, volunteer, ACCEPT) < acceptProbability(c);

export interface Delivery {
  delivered: boolean;
  /** Minutes until the gateway reports the failure; null when the failure is silent (or it was delivered). */
  receiptAfterMinutes: number | null;
}

export function smsDelivery(seed: number, referral: number, volunteer: number, homeClass: AreaClass): Delivery {
  const failed = hashUniform(seed, referral, volunteer, DELIVERY) < BEHAVIOUR.smsFailure[homeClass];
  if (!failed) return { delivered: true, receiptAfterMinutes: null };
  const receipt = hashUniform(seed, referral, volunteer, RECEIPT) < BEHAVIOUR.failureReceiptShare;
  return { delivered: false, receiptAfterMinutes: receipt ? BEHAVIOUR.failureReceiptMinutes : null };
}

/** Minutes from receiving an offer to answering it. */
export function responseMinutes(
  seed: number,
  referral: number,
  volunteer: number,
  sentAt: number,
  urgency: Urgency,
  medianMinutes: number,
  onSchedule: boolean,
  loadShare: number,
): number {
  const median =
    medianMinutes *
    BEHAVIOUR.responseDelayScale *
    BEHAVIOUR.urgencyDelay[urgency] *
    hourBand(sentAt).delay *
    (onSchedule ? 1 : BEHAVIOUR.offSchedule.delay) *
    (1 + BEHAVIOUR.loadDelayPerShare * loadShare);
  return median * Math.exp(BEHAVIOUR.responseLogSd * hashNormal(seed, referral, volunteer, DELAY));
}

/** Does the volunteer pick up the coordinator's call (network and time of day)? */
export function answersCall(
  seed: number,
  referral: number,
  volunteer: number,
  at: number,
  onSchedule: boolean,
  homeClass: AreaClass,
): boolean {
  const p = hourBand(at).answer * (onSchedule ? 1 : BEHAVIOUR.offSchedule.answer) * (1 - BEHAVIOUR.smsFailure[homeClass]);
  return hashUniform(seed, referral, volunteer, ANSWER) < p;
}

/** Minutes from accepting to leaving: preparation plus, off schedule, waiting for their slot (capped by urgency). */
export function departureMinutes(acceptAt: number, scheduleWaitMinutes: number, urgency: Urgency): number {
  const prep = hourBand(acceptAt) === BEHAVIOUR.night ? BEHAVIOUR.prepMinutes.night : BEHAVIOUR.prepMinutes.day;
  return prep + Math.min(scheduleWaitMinutes, BEHAVIOUR.maxScheduleWaitMinutes[urgency]);
}

export const actualTripMinutes = (seed: number, referral: number, volunteer: number, modelMinutes: number): number =>
  modelMinutes * Math.exp(BEHAVIOUR.tripLogSd * hashNormal(seed, referral, volunteer, TRIP));

/** Minutes to the first progress report, capped inside the policy's reminder grace (no-shows are not modelled). */
export function progressMinutes(seed: number, referral: number, volunteer: number, timeoutMinutes: number, graceMinutes: number): number {
  const m = BEHAVIOUR.progressMedianMinutes * Math.exp(BEHAVIOUR.progressLogSd * hashNormal(seed, referral, volunteer, PROGRESS));
  return Math.min(m, timeoutMinutes + graceMinutes / 2);
}
