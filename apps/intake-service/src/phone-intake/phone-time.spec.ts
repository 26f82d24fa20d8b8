import { formatNairobiTime, parseNairobiTime } from '@haki/vocabulary';
import {
  before,
  daysAgo,
  daysAhead,
  FACT_WINDOWS_HOURS,
  lastNight,
  nairobiHour,
  nairobiWeekday,
  today,
  whenItHappened,
  whenItWillHappen,
} from './phone-time';

// Wednesday 11 March 2026, 12:00 in Nairobi (09:00 UTC).
const NOW = parseNairobiTime('2026-03-11 12:00')!;
const nairobi = (iso: string) => formatNairobiTime(new Date(iso)).slice(0, 16);

describe('Nairobi days', () => {
  it('finds an hour on a day before or after today, in Nairobi time', () => {
    expect(nairobiHour(NOW, 0, 0).toISOString()).toBe('2026-03-10T21:00:00.000Z');
    expect(formatNairobiTime(nairobiHour(NOW, -1, 18))).toBe('2026-03-10T18:00:00+03:00');
    expect(formatNairobiTime(nairobiHour(NOW, -1, 30))).toBe('2026-03-11T06:00:00+03:00');
    expect(formatNairobiTime(nairobiHour(NOW, 3, 8))).toBe('2026-03-14T08:00:00+03:00');
  });

  it('knows the Nairobi weekday, which is not UTC’s just after midnight', () => {
    expect(nairobiWeekday(NOW)).toBe(3);
    expect(nairobiWeekday(parseNairobiTime('2026-03-12 01:00')!)).toBe(4);
  });
});

describe('whenItHappened', () => {
  it('takes the earliest moment the words allow, so no deadline is later than the real one', () => {
    const death = whenItHappened(lastNight(NOW, 'last night'), FACT_WINDOWS_HOURS.death, NOW);
    expect(death).toEqual({ at: parseNairobiTime('2026-03-10 18:00')!.toISOString(), said: 'last night' });
    expect(nairobi(whenItHappened(today(NOW, 'today'), FACT_WINDOWS_HOURS.incident, NOW).at)).toBe('2026-03-11T00:00');
    expect(nairobi(whenItHappened(daysAgo(NOW, 2, 4, '2-4 days ago'), FACT_WINDOWS_HOURS.incident, NOW).at)).toBe('2026-03-07T00:00');
  });

  it('but never closes a clock the latest moment would leave open: it stays open an hour', () => {
    // Arrested yesterday: at 00:00 yesterday the 24-hour court clock has gone, at 23:59 it has not.
    expect(nairobi(whenItHappened(daysAgo(NOW, 1, 1, 'yesterday'), FACT_WINDOWS_HOURS.arrest, NOW).at)).toBe('2026-03-10T13:00');
    // Sexual violence 3-5 days ago: HIV prophylaxis may be open still, so it is the clock kept open.
    expect(nairobi(whenItHappened(daysAgo(NOW, 3, 5, '3-5 days ago'), FACT_WINDOWS_HOURS.sexualViolence, NOW).at)).toBe('2026-03-08T13:00');
  });

  it('leaves a clock closed when even the latest moment is past it', () => {
    expect(nairobi(whenItHappened(daysAgo(NOW, 4, 7, '4-7 days ago'), FACT_WINDOWS_HOURS.death, NOW).at)).toBe('2026-03-04T00:00');
    expect(nairobi(whenItHappened(before(NOW, 8, '8 or more days ago'), FACT_WINDOWS_HOURS.death, NOW).at)).toBe('2026-03-03T00:00');
  });

  it('is never in the future', () => {
    const tonight = { from: nairobiHour(NOW, 0, 18), to: nairobiHour(NOW, 0, 30), said: 'tonight' };
    expect(whenItHappened(tonight, FACT_WINDOWS_HOURS.death, NOW).at).toBe(NOW.toISOString());
  });
});

describe('whenItWillHappen', () => {
  it('takes the earliest daytime moment of the day named', () => {
    expect(nairobi(whenItWillHappen(daysAhead(NOW, 3, 3, 'saturday'), NOW).at)).toBe('2026-03-14T08:00');
  });

  it('is at least an hour ahead, so a burial today reads as the most urgent, not as passed', () => {
    expect(nairobi(whenItWillHappen(daysAhead(NOW, 0, 0, 'today'), NOW).at)).toBe('2026-03-11T13:00');
  });
});
