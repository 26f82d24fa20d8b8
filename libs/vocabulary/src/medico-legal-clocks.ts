import type { Urgency } from './index';
import { describeNairobiTime } from './nairobi-time';

// The clocks that set a referral's deadline: medical and legal facts after which the help comes too
// late. Every deadline a referral gets comes from one of these rules, and the rule travels with it so
// the intake worker sees why ("before the burial planned for Sat 5 Dec 10:00"), not just a time.

const HOUR_MS = 3_600_000;

/**
 * Without a planned burial or release time, the postmortem is due this long after the death. A policy
 * default of the network, not law: families often bury within days, and bodies held in public
 * mortuaries are released or embalmed on the family's request.
 */
export const POSTMORTEM_DEFAULT_WINDOW_HOURS = 72;
/** Bruises, abrasions and restraint marks fade or change within days: document them while they show. */
export const VISIBLE_INJURY_WINDOW_HOURS = 5 * 24;
/** HIV post-exposure prophylaxis must start within 72 hours of the exposure (WHO and Kenya's national guidelines). */
export const PEP_WINDOW_HOURS = 72;
/** Emergency contraception (copper IUD or ulipristal) is effective up to 120 hours after the assault. */
export const EMERGENCY_CONTRACEPTION_WINDOW_HOURS = 120;
/** Constitution of Kenya 2010, Article 49(1)(f): an arrested person is brought before a court within 24 hours. */
export const COURT_APPEARANCE_WINDOW_HOURS = 24;

export const CLOCK_RULES = [
  'postmortem-before-burial',
  'postmortem-before-release',
  'postmortem-default-window',
  'injuries-visible',
  'post-exposure-prophylaxis',
  'emergency-contraception',
  'court-within-24-hours',
  'staff-deadline',
] as const;
export type ClockRule = (typeof CLOCK_RULES)[number];

/** The facts that start a clock, as intake recorded them. */
export interface ClockFacts {
  death?: { at: Date; plannedBurialAt?: Date; bodyReleaseAt?: Date };
  injuries?: { at: Date; visible: boolean };
  sexualViolence?: { at: Date };
  arrest?: { at: Date; charged: boolean };
  /** A deadline staff know of that no rule computes (a court date, a transfer). */
  staffDeadline?: Date;
}

export interface ClockReading {
  rule: ClockRule;
  deadline: Date;
  /** The rule in the worker's words, with the time in Nairobi. */
  explanation: string;
  /** True when the deadline has gone: shown to the worker, never used as the referral's deadline. */
  passed: boolean;
}

export interface Timing {
  /** The earliest deadline still ahead; absent when no clock runs. */
  deadline?: Date;
  rule?: ClockRule;
  urgency: Urgency;
  /** Every clock the facts start, earliest first, passed ones included. */
  readings: ClockReading[];
}

const after = (at: Date, hours: number) => new Date(at.getTime() + hours * HOUR_MS);

function clocksFor(facts: ClockFacts): Omit<ClockReading, 'passed'>[] {
  const readings: Omit<ClockReading, 'passed'>[] = [];
  const add = (rule: ClockRule, deadline: Date, explanation: (when: string) => string) =>
    readings.push({ rule, deadline, explanation: explanation(describeNairobiTime(deadline)) });
  const { death, injuries, sexualViolence, arrest, staffDeadline } = facts;
  if (death?.plannedBurialAt)
    add('postmortem-before-burial', death.plannedBurialAt, (when) => `The postmortem must be done before the burial planned for ${when}.`);
  if (death?.bodyReleaseAt) {
    add(
      'postmortem-before-release',
      death.bodyReleaseAt,
      (when) => `The postmortem must be done before the body is released or embalmed (${when}).`,
    );
  }
  if (death && !death.plannedBurialAt && !death.bodyReleaseAt) {
    add(
      'postmortem-default-window',
      after(death.at, POSTMORTEM_DEFAULT_WINDOW_HOURS),
      (when) =>
        `No burial or release time given: the postmortem is due within ${POSTMORTEM_DEFAULT_WINDOW_HOURS} hours of the death (${when}).`,
    );
  }
  if (injuries?.visible) {
    add(
      'injuries-visible',
      after(injuries.at, VISIBLE_INJURY_WINDOW_HOURS),
      (when) => `Injuries must be documented while they are visible: within ${VISIBLE_INJURY_WINDOW_HOURS / 24} days (${when}).`,
    );
  }
  if (sexualViolence) {
    add(
      'post-exposure-prophylaxis',
      after(sexualViolence.at, PEP_WINDOW_HOURS),
      (when) => `HIV post-exposure prophylaxis must start within ${PEP_WINDOW_HOURS} hours of the assault (${when}).`,
    );
    add(
      'emergency-contraception',
      after(sexualViolence.at, EMERGENCY_CONTRACEPTION_WINDOW_HOURS),
      (when) => `Emergency contraception works within ${EMERGENCY_CONTRACEPTION_WINDOW_HOURS} hours of the assault (${when}).`,
    );
  }
  if (arrest && !arrest.charged) {
    add(
      'court-within-24-hours',
      after(arrest.at, COURT_APPEARANCE_WINDOW_HOURS),
      (when) => `Arrested and not charged: they must be brought before a court within 24 hours (Constitution, Art. 49(1)(f)) (${when}).`,
    );
  }
  if (staffDeadline) add('staff-deadline', staffDeadline, (when) => `The deadline intake staff gave (${when}).`);
  return readings;
}

/** How urgent a referral is from the time left: a day or less is critical, three days or less urgent. */
export function urgencyForDeadline(deadline: Date | undefined, now: Date): Urgency {
  if (!deadline) return 'normal';
  const hoursLeft = (deadline.getTime() - now.getTime()) / HOUR_MS;
  if (hoursLeft <= 24) return 'critical';
  return hoursLeft <= 72 ? 'urgent' : 'normal';
}

/** Reads every clock the facts start; the earliest one still ahead sets the deadline and the urgency. */
export function readClocks(facts: ClockFacts, now: Date): Timing {
  const readings = clocksFor(facts)
    .map((reading) => ({ ...reading, passed: reading.deadline.getTime() <= now.getTime() }))
    .sort((a, b) => a.deadline.getTime() - b.deadline.getTime());
  const governing = readings.find((reading) => !reading.passed);
  return {
    ...(governing ? { deadline: governing.deadline, rule: governing.rule } : {}),
    urgency: urgencyForDeadline(governing?.deadline, now),
    readings,
  };
}
