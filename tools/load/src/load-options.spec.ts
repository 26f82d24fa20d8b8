import { LoadOptionError, parseChaos, parseLoadOptions, parsePhases, schedule } from './load-options';

describe('load run options', () => {
  it('reads rate phases and spreads each phase evenly over its seconds', () => {
    const phases = parsePhases('2x3,10x1');
    expect(phases).toEqual([
      { rate: 2, seconds: 3 },
      { rate: 10, seconds: 1 },
    ]);
    const due = schedule(phases);
    expect(due).toHaveLength(16);
    expect(due.slice(0, 7)).toEqual([0, 500, 1000, 1500, 2000, 2500, 3000]);
    expect(due[15]).toBe(3900);
  });

  it('names the option and the reason for bad input', () => {
    expect(() => parsePhases('fast')).toThrow(new LoadOptionError('--phases: "fast" is not <referrals per second>x<seconds>'));
    expect(() => parsePhases('500x3600')).toThrow(/--phases: at most 200000 referrals/);
    expect(() => parseChaos('database@10')).toThrow(/--chaos: "database" is not one of/);
    expect(() => parseLoadOptions(['--roster', '0'])).toThrow(/--roster: must be a whole number from 2/);
    expect(() => parseLoadOptions(['--label', '../etc'])).toThrow(/--label/);
  });

  it('reads chaos steps and defaults', () => {
    expect(parseChaos('matching-service@60,kafka@120')).toEqual([
      { target: 'matching-service', atSecond: 60 },
      { target: 'kafka', atSecond: 120 },
    ]);
    expect(parseLoadOptions([])).toMatchObject({ roster: 300, prefill: 0, chaos: [], settleSeconds: 120, label: 'run' });
  });
});
