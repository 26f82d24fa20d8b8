/** Days of a weekly schedule, Monday first (minute-of-week 0 is Monday 00:00 in Nairobi). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
