import { WEEKDAYS, type Professional } from './types';

// Africa/Nairobi is UTC+3 all year (no DST since 1942), so local time is a fixed offset: no tz library.
const NAIROBI_OFFSET_MS = 3 * 3_600_000;
const DAY_MS = 86_400_000;
export const MINUTES_PER_WEEK = 7 * 1440;

export type Instant = Date | number | string;
export const toMs = (t: Instant): number => (typeof t === 'number' ? t : typeof t === 'string' ? Date.parse(t) : t.getTime());

/** Minutes since Monday 00:00 Nairobi time. 1970-01-01 was a Thursday (index 3 with Monday = 0). */
export function minuteOfWeek(ms: number): number {
  const local = ms + NAIROBI_OFFSET_MS;
  const day = Math.floor(local / DAY_MS);
  return ((day + 3) % 7) * 1440 + Math.floor((local - day * DAY_MS) / 60_000);
}

/** Nairobi calendar day as a day number (days since 1970-01-01), for comparing with ISO dates. */
export const nairobiDayNumber = (ms: number): number => Math.floor((ms + NAIROBI_OFFSET_MS) / DAY_MS);
/** Start (epoch ms) of the Nairobi calendar month that `ms` falls in. */
export function nairobiMonthStart(ms: number): number {
  const local = new Date(ms + NAIROBI_OFFSET_MS);
  return Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - NAIROBI_OFFSET_MS;
}
export const isoDateToDayNumber = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Weekly schedule → sorted [start, end) minute-of-week pairs. Overnight slots are split at midnight
 * and Sunday-night slots wrap to Monday, so lookups never need modular arithmetic on intervals.
 */
export function compileSchedule(schedule: NonNullable<Professional['schedule']>): number[] {
  const pairs: [number, number][] = [];
  for (const slot of schedule) {
    const start = WEEKDAYS.indexOf(slot.day) * 1440 + toMinutes(slot.from);
    let end = WEEKDAYS.indexOf(slot.day) * 1440 + toMinutes(slot.to);
    if (end <= start) end += 1440;
    if (end <= MINUTES_PER_WEEK) pairs.push([start, end]);
    else pairs.push([start, MINUTES_PER_WEEK], [0, end - MINUTES_PER_WEEK]);
  }
  return pairs.sort((a, b) => a[0] - b[0]).flat();
}

/**
 * Minutes from minute-of-week `m` until the next scheduled slot (0 when inside one). `slots` holds
 * pairs in [from, to) of a flat array. An empty range means on call at any hour.
 */
export function minutesUntilScheduled(slots: ArrayLike<number>, from: number, to: number, m: number): number {
  if (from === to) return 0;
  let best = Infinity;
  for (let j = from; j < to; j += 2) {
    const start = slots[j] as number;
    if (m >= start && m < (slots[j + 1] as number)) return 0;
    const wait = start > m ? start - m : start + MINUTES_PER_WEEK - m;
    if (wait < best) best = wait;
  }
  return best;
}
