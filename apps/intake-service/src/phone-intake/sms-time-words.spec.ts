import { formatNairobiTime, parseNairobiTime } from '@haki/vocabulary';
import { findTimes, spanOf } from './sms-time-words';
import { tokenize } from './sms-tokens';

const at = (local: string) => parseNairobiTime(local)!;
const nairobi = (date: Date) => formatNairobiTime(date).slice(0, 16).replace('T', ' ');

/** The one time in `text`, as a span behind or ahead of `now`, in Nairobi time. */
function span(text: string, direction: 'behind' | 'ahead', now: Date) {
  const times = findTimes(tokenize(text));
  expect(times).toHaveLength(1);
  const found = spanOf(times[0]!, direction, now);
  return found && { from: nairobi(found.from), to: nairobi(found.to), said: found.said };
}

// Wednesday 11 March 2026.
const NOON = at('2026-03-11 12:00');
const EVENING = at('2026-03-11 20:00');

describe('times as an SMS says them', () => {
  it.each([
    ['last night', { from: '2026-03-10 18:00', to: '2026-03-11 06:00' }],
    ['jana usiku', { from: '2026-03-10 18:00', to: '2026-03-11 06:00' }],
    ['usiku wa jana', { from: '2026-03-10 18:00', to: '2026-03-11 06:00' }],
    ['usiku wa kuamkia leo', { from: '2026-03-10 18:00', to: '2026-03-11 06:00' }],
    ['yesterday at night', { from: '2026-03-10 18:00', to: '2026-03-11 06:00' }],
    ['this morning', { from: '2026-03-11 05:00', to: '2026-03-11 12:00' }],
    ['leo asubuhi', { from: '2026-03-11 05:00', to: '2026-03-11 12:00' }],
    ['jana jioni', { from: '2026-03-10 16:00', to: '2026-03-10 19:00' }],
    ['juzi', { from: '2026-03-09 00:00', to: '2026-03-10 00:00' }],
    ['day before yesterday', { from: '2026-03-09 00:00', to: '2026-03-10 00:00' }],
    ['three days ago', { from: '2026-03-08 00:00', to: '2026-03-09 00:00' }],
    ['siku tano zilizopita', { from: '2026-03-06 00:00', to: '2026-03-07 00:00' }],
    ['last week', { from: '2026-02-26 00:00', to: '2026-03-05 00:00' }],
    ['wednesday', { from: '2026-03-11 00:00', to: '2026-03-12 00:00' }],
    ['jumatatu', { from: '2026-03-09 00:00', to: '2026-03-10 00:00' }],
  ])('behind: %s', (text, expected) => expect(span(text, 'behind', NOON)).toEqual({ ...expected, said: text }));

  it.each([
    ['saturday', { from: '2026-03-14 08:00', to: '2026-03-14 18:00' }],
    ['jumamosi', { from: '2026-03-14 08:00', to: '2026-03-14 18:00' }],
    ['wednesday', { from: '2026-03-11 08:00', to: '2026-03-11 18:00' }],
    ['kesho', { from: '2026-03-12 08:00', to: '2026-03-12 18:00' }],
    ['kesho kutwa', { from: '2026-03-13 08:00', to: '2026-03-13 18:00' }],
    ['in 5 days', { from: '2026-03-16 08:00', to: '2026-03-16 18:00' }],
    ['baada ya siku mbili', { from: '2026-03-13 08:00', to: '2026-03-13 18:00' }],
    ['friday morning', { from: '2026-03-13 05:00', to: '2026-03-13 12:00' }],
  ])('ahead: %s', (text, expected) => expect(span(text, 'ahead', NOON)).toEqual({ ...expected, said: text }));

  it('a part of the day alone is the latest one begun, or the next one not yet over', () => {
    expect(span('usiku', 'behind', NOON)).toMatchObject({ from: '2026-03-10 18:00' });
    expect(span('usiku', 'behind', EVENING)).toMatchObject({ from: '2026-03-11 18:00' });
    expect(span('morning', 'ahead', NOON)).toMatchObject({ from: '2026-03-12 05:00' });
    expect(span('evening', 'ahead', NOON)).toMatchObject({ from: '2026-03-11 16:00' });
  });

  it('words pointing the wrong way give no time', () => {
    expect(span('yesterday', 'ahead', NOON)).toBeUndefined();
    expect(span('kesho', 'behind', NOON)).toBeUndefined();
    expect(span('2 days ago', 'ahead', NOON)).toBeUndefined();
  });

  it('finds each time in a message, left to right, and nothing in other words', () => {
    const times = findTimes(tokenize('died last night, burial on Saturday morning; he was 23'));
    expect(times.map((time) => time.said)).toEqual(['last night', 'saturday morning']);
    expect(findTimes(tokenize('HAKI POSTMORTEM TURKANA KAKUMA'))).toEqual([]);
  });
});
