import { compileSchedule, minuteOfWeek, minutesUntilScheduled, nairobiDayNumber, isoDateToDayNumber } from './nairobi-time';

describe('Nairobi time (UTC+3, no DST)', () => {
  it('computes minute of week from Monday 00:00 local', () => {
    expect(minuteOfWeek(Date.parse('2025-03-03T00:00:00+03:00'))).toBe(0); // a Monday
    expect(minuteOfWeek(Date.parse('2025-03-02T21:00:00Z'))).toBe(0); // same instant in UTC
    expect(minuteOfWeek(Date.parse('2025-03-04T09:30:00+03:00'))).toBe(1440 + 570);
    expect(minuteOfWeek(Date.parse('2025-03-09T23:59:00+03:00'))).toBe(7 * 1440 - 1);
  });

  it('uses the Nairobi calendar day for credential expiry', () => {
    // 22:30 UTC on 31 Dec is already 1 Jan in Nairobi.
    expect(nairobiDayNumber(Date.parse('2025-12-31T22:30:00Z'))).toBe(isoDateToDayNumber('2026-01-01'));
  });

  it('splits overnight and Sunday-night slots and finds the next one', () => {
    const slots = compileSchedule([
      { day: 'sun', from: '22:00', to: '06:00' },
      { day: 'wed', from: '08:00', to: '17:00' },
    ]);
    expect(slots).toEqual([0, 360, 2 * 1440 + 480, 2 * 1440 + 1020, 6 * 1440 + 1320, 7 * 1440]);
    const wait = (m: number) => minutesUntilScheduled(slots, 0, slots.length, m);
    expect(wait(100)).toBe(0); // Monday 01:40, still on the Sunday night shift
    expect(wait(1440 + 540)).toBe(1440 - 60); // Tuesday 09:00 → Wednesday 08:00
    expect(wait(6 * 1440 + 1400)).toBe(0);
    expect(wait(2 * 1440 + 1020)).toBe(4 * 1440 + 300); // Wednesday 17:00 → Sunday 22:00
    expect(minutesUntilScheduled([], 0, 0, 1234)).toBe(0); // no schedule: on call
  });
});
