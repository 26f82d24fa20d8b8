import {
  COURT_APPEARANCE_WINDOW_HOURS,
  EMERGENCY_CONTRACEPTION_WINDOW_HOURS,
  nairobiDate,
  parseNairobiTime,
  PEP_WINDOW_HOURS,
  POSTMORTEM_DEFAULT_WINDOW_HOURS,
  VISIBLE_INJURY_WINDOW_HOURS,
} from '@haki/vocabulary';

// A referrer on a basic phone says "yesterday" or "last night", never "2026-12-05 22:00". This turns
// such a span of time into the one instant the medico-legal clocks need, in Nairobi time, and keeps
// the words said beside it so intake staff see the time is an estimate and can correct it on the call.

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A time as the referrer gave it: the instant the clocks run on (ISO, UTC), and the words it came from. */
export interface PhoneTime {
  at: string;
  said: string;
}

/** The span of time a referrer's words cover, earliest to latest. */
export interface TimeSpan {
  from: Date;
  to: Date;
  said: string;
}

/** The instant `hour` o'clock (0-24) falls on the Nairobi day `days` after today (negative: before). */
export function nairobiHour(now: Date, days: number, hour: number): Date {
  const day = nairobiDate(now.getTime() + (days + Math.floor(hour / 24)) * DAY_MS);
  return parseNairobiTime(`${day} ${String(hour % 24).padStart(2, '0')}:00`)!;
}

/** The Nairobi day of week of `now` shifted by `days`: 0 Sunday … 6 Saturday. */
export const nairobiWeekday = (now: Date, days = 0): number =>
  new Date(`${nairobiDate(now.getTime() + days * DAY_MS)}T00:00:00Z`).getUTCDay();

/**
 * The clock windows a past fact starts, shortest first: once a fact is older than a window, that
 * clock has passed. From @haki/vocabulary, so a changed rule changes the estimate too.
 */
export const FACT_WINDOWS_HOURS = {
  death: [POSTMORTEM_DEFAULT_WINDOW_HOURS],
  incident: [VISIBLE_INJURY_WINDOW_HOURS],
  sexualViolence: [PEP_WINDOW_HOURS, EMERGENCY_CONTRACEPTION_WINDOW_HOURS],
  arrest: [COURT_APPEARANCE_WINDOW_HOURS],
} as const;

/** How long a clock an estimate keeps open is left to run, at the least: long enough to act on. */
const OPEN_MARGIN_MS = HOUR_MS;

/**
 * When a past fact happened, for the clocks. The earliest moment the words allow, so a deadline is
 * never later than the real one; but never so early that it closes a clock the latest moment would
 * leave open ("2 days ago" must not say HIV prophylaxis is too late when it may not be): then the
 * earliest moment that leaves that clock open for an hour. Never in the future.
 */
export function whenItHappened(span: TimeSpan, windowsHours: readonly number[], now: Date): PhoneTime {
  const latest = Math.min(span.to.getTime(), now.getTime());
  let at = Math.min(span.from.getTime(), latest);
  for (const hours of [...windowsHours].sort((a, b) => a - b)) {
    const closesAt = now.getTime() - hours * HOUR_MS;
    if (latest > closesAt) {
      at = Math.max(at, Math.min(latest, closesAt + OPEN_MARGIN_MS));
      break;
    }
  }
  return { at: new Date(at).toISOString(), said: span.said };
}

/**
 * When a coming event (a burial) happens, for the clocks: the earliest moment the words allow, so the
 * postmortem is planned before it, but at least an hour ahead (a deadline already upon us would read
 * as passed, and a burial "today" is the most urgent case there is).
 */
export function whenItWillHappen(span: TimeSpan, now: Date): PhoneTime {
  const at = Math.max(span.from.getTime(), now.getTime() + OPEN_MARGIN_MS);
  return { at: new Date(at).toISOString(), said: span.said };
}

// Spans the menus and the SMS words share. Hours are Nairobi's: "night" from 18:00 (dusk is near
// 18:30 all year on the equator) to 06:00; burials are daytime events, 08:00 to 18:00.

export const today = (now: Date, said: string): TimeSpan => ({ from: nairobiHour(now, 0, 0), to: now, said });
export const lastNight = (now: Date, said: string): TimeSpan => ({ from: nairobiHour(now, -1, 18), to: nairobiHour(now, 0, 6), said });
/** Whole Nairobi days from `oldest` days ago to `newest` days ago (0 today, 1 yesterday). */
export const daysAgo = (now: Date, newest: number, oldest: number, said: string): TimeSpan => ({
  from: nairobiHour(now, -oldest, 0),
  to: nairobiHour(now, -newest, 24),
  said,
});
/** Open-ended "`days` or more days ago": the start of that day is the only instant the words give. */
export const before = (now: Date, days: number, said: string): TimeSpan => {
  const boundary = nairobiHour(now, -days, 0);
  return { from: boundary, to: boundary, said };
};
/** The daytime of the Nairobi days from `first` to `last` days ahead (0 today). */
export const daysAhead = (now: Date, first: number, last: number, said: string): TimeSpan => ({
  from: nairobiHour(now, first, 8),
  to: nairobiHour(now, last, 18),
  said,
});
