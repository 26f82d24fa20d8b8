// Intake staff enter and read times in Africa/Nairobi. Kenya keeps East Africa Time (UTC+3) all year
// with no daylight saving, so local time is a fixed offset and needs no time-zone library.
const NAIROBI_OFFSET_MS = 3 * 3_600_000;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;
const WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Whether the date and time as written exist (no 31 February, no 24:00), whatever the offset. */
function isRealTime(parts: string[]): boolean {
  const [year, month, day, hour, minute, second] = parts.map((part) => Number(part ?? 0)) as number[];
  const check = new Date(Date.UTC(year!, month! - 1, day!));
  return year! >= 1000 && check.getUTCMonth() === month! - 1 && check.getUTCDate() === day! && hour! < 24 && minute! < 60 && second! < 60;
}

/**
 * A time as staff type it: "2026-12-05 10:00" or "2026-12-05T10:00" is Nairobi time; a time with an
 * offset or Z ("2026-12-05T07:00:00Z") is taken as written. Undefined when it is neither, or not a
 * real date (31 February).
 */
export function parseNairobiTime(input: string): Date | undefined {
  const text = input.trim();
  const local = LOCAL.exec(text);
  if (local) {
    if (!isRealTime(local.slice(1))) return undefined;
    const [year, month, day, hour, minute, second] = local.slice(1).map((part) => Number(part ?? 0)) as number[];
    return new Date(Date.UTC(year!, month! - 1, day!, hour!, minute!, second!) - NAIROBI_OFFSET_MS);
  }
  const withOffset = WITH_OFFSET.exec(text);
  if (!withOffset || !isRealTime(withOffset.slice(1))) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/** "2026-12-05T10:00:00+03:00": an instant as Nairobi reads it, for responses and the worker's screen. */
export function formatNairobiTime(at: Date | number): string {
  const local = new Date((typeof at === 'number' ? at : at.getTime()) + NAIROBI_OFFSET_MS);
  return `${local.toISOString().slice(0, 19)}+03:00`;
}

/** "Sat 5 Dec 10:00": short enough for a rule's sentence on a phone screen. */
export function describeNairobiTime(at: Date | number): string {
  const local = new Date((typeof at === 'number' ? at : at.getTime()) + NAIROBI_OFFSET_MS);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][local.getUTCDay()];
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][local.getUTCMonth()];
  return `${day} ${local.getUTCDate()} ${month} ${local.toISOString().slice(11, 16)}`;
}

/** The Nairobi calendar date of an instant, "2026-12-01": what "the same day" means for duplicates. */
export const nairobiDate = (at: Date | number): string => formatNairobiTime(at).slice(0, 10);
