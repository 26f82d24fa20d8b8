import { readClocks, urgencyForDeadline, type ClockFacts, type ClockRule } from './medico-legal-clocks';
import { describeNairobiTime, formatNairobiTime, nairobiDate, parseNairobiTime } from './nairobi-time';

// Tuesday 1 December 2026, 20:00 in Nairobi.
const NOW = parseNairobiTime('2026-12-01 20:00')!;
const at = (local: string) => parseNairobiTime(local)!;

// Each kind of help with the facts an intake worker would record, and the rule and deadline that must follow.
const CASES: [string, ClockFacts, ClockRule | undefined, string | undefined, string][] = [
  [
    'postmortem, burial planned Saturday',
    { death: { at: at('2026-12-01 02:00'), plannedBurialAt: at('2026-12-05 10:00') } },
    'postmortem-before-burial',
    '2026-12-05T10:00:00+03:00',
    'normal',
  ],
  [
    'postmortem, body released tomorrow',
    { death: { at: at('2026-12-01 02:00'), plannedBurialAt: at('2026-12-05 10:00'), bodyReleaseAt: at('2026-12-02 12:00') } },
    'postmortem-before-release',
    '2026-12-02T12:00:00+03:00',
    'critical',
  ],
  [
    'postmortem, no burial date',
    { death: { at: at('2026-12-01 02:00') } },
    'postmortem-default-window',
    '2026-12-04T02:00:00+03:00',
    'urgent',
  ],
  [
    'torture documentation, fresh injuries',
    { injuries: { at: at('2026-11-30 18:00'), visible: true } },
    'injuries-visible',
    '2026-12-05T18:00:00+03:00',
    'normal',
  ],
  ['torture documentation, old scars only', { injuries: { at: at('2026-06-01 18:00'), visible: false } }, undefined, undefined, 'normal'],
  [
    'medical care, sexual violence last night',
    { sexualViolence: { at: at('2026-11-30 23:00') } },
    'post-exposure-prophylaxis',
    '2026-12-03T23:00:00+03:00',
    'urgent',
  ],
  [
    'medical care, sexual violence four days ago',
    { sexualViolence: { at: at('2026-11-27 18:00') } },
    'emergency-contraception',
    '2026-12-02T18:00:00+03:00',
    'critical',
  ],
  ['medical care, sexual violence a week ago', { sexualViolence: { at: at('2026-11-24 22:00') } }, undefined, undefined, 'normal'],
  [
    'detention support, arrested this morning, not charged',
    { arrest: { at: at('2026-12-01 06:30'), charged: false } },
    'court-within-24-hours',
    '2026-12-02T06:30:00+03:00',
    'critical',
  ],
  ['legal aid, charged already', { arrest: { at: at('2026-11-20 06:30'), charged: true } }, undefined, undefined, 'normal'],
  [
    'legal aid, court date given by staff',
    { staffDeadline: at('2026-12-10 09:00') },
    'staff-deadline',
    '2026-12-10T09:00:00+03:00',
    'normal',
  ],
  ['legal aid, no clock at all', {}, undefined, undefined, 'normal'],
];

describe('medico-legal clocks', () => {
  it.each(CASES)('%s', (_name, facts, rule, deadline, urgency) => {
    const timing = readClocks(facts, NOW);
    expect(timing.rule).toBe(rule);
    expect(timing.deadline && formatNairobiTime(timing.deadline)).toBe(deadline);
    expect(timing.urgency).toBe(urgency);
    if (rule)
      expect(timing.readings.find((reading) => reading.rule === rule)?.explanation).toContain(describeNairobiTime(timing.deadline!));
  });

  it('keeps passed clocks in the readings, marked, so the worker sees what was missed', () => {
    const timing = readClocks({ sexualViolence: { at: at('2026-11-27 22:00') } }, NOW);
    expect(timing.readings.map(({ rule, passed }) => [rule, passed])).toEqual([
      ['post-exposure-prophylaxis', true],
      ['emergency-contraception', false],
    ]);
  });

  it('lets the earliest of several clocks govern', () => {
    const timing = readClocks(
      { injuries: { at: at('2026-12-01 05:00'), visible: true }, arrest: { at: at('2026-12-01 05:00'), charged: false } },
      NOW,
    );
    expect(timing.rule).toBe('court-within-24-hours');
    expect(timing.readings).toHaveLength(2);
  });

  it('makes a day or less critical and three days or less urgent', () => {
    const hours = (h: number) => new Date(NOW.getTime() + h * 3_600_000);
    expect([24, 25, 72, 73].map((h) => urgencyForDeadline(hours(h), NOW))).toEqual(['critical', 'urgent', 'urgent', 'normal']);
    expect(urgencyForDeadline(undefined, NOW)).toBe('normal');
  });
});

describe('Nairobi time', () => {
  it('reads a time without an offset as Nairobi time, and one with an offset as written', () => {
    expect(parseNairobiTime('2026-12-05 10:00')?.toISOString()).toBe('2026-12-05T07:00:00.000Z');
    expect(parseNairobiTime('2026-12-05T10:00:30')?.toISOString()).toBe('2026-12-05T07:00:30.000Z');
    expect(parseNairobiTime('2026-12-05T07:00:00Z')?.toISOString()).toBe('2026-12-05T07:00:00.000Z');
    expect(parseNairobiTime('2026-12-05T10:00:00+03:00')?.toISOString()).toBe('2026-12-05T07:00:00.000Z');
  });

  it.each([
    '2026-02-31 10:00',
    '2026-12-05 24:00',
    'Saturday',
    '2026-12-05',
    '05/12/2026 10:00',
    '2026-02-31T10:00:00+03:00',
    '2026-12-05T24:00Z',
    '0026-12-05 10:00',
  ])('refuses %s', (input) => expect(parseNairobiTime(input)).toBeUndefined());

  it('shows instants in Nairobi', () => {
    const instant = new Date('2026-12-04T22:30:00Z');
    expect(formatNairobiTime(instant)).toBe('2026-12-05T01:30:00+03:00');
    expect(describeNairobiTime(instant)).toBe('Sat 5 Dec 01:30');
    expect(nairobiDate(instant)).toBe('2026-12-05');
  });
});
