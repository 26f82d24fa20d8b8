// Reproducibility of the report data, and the what-if monotonicity of coverage.
import fc from 'fast-check';
import { COUNTIES } from '@haki/geography';
import { ROLES } from '@haki/vocabulary';
import { parseArgs } from '../cli';
import { STRATEGIES } from '../engine';
import { SIM_START_MS } from '../referrals';
import { addVolunteers, DEFAULT_ROSTER_CONFIG, generateRoster } from '../roster';
import { runScenario, type ScenarioOptions } from '../scenario';
import { analyse } from './analysis';
import { coverage } from './coverage';
import { renderReport, resultsJson } from './write';
import { BEHAVIOUR } from '../behaviour';
import { plan } from './planner';
import { sensitivity, SENSITIVITY_KNOBS } from './sensitivity';

const options = (seeds: number[]): ScenarioOptions => ({ scenario: 'baseline', seeds, referrals: 120, roster: { size: 60 } });
const json = (seeds: number[]) => resultsJson(analyse(runScenario(options(seeds))));

describe('report reproducibility', () => {
  it('same seed → byte-identical results.json; a different seed → different', () => {
    const a = json([1]);
    expect(json([1])).toBe(a);
    expect(json([2])).not.toBe(a);
  });

  it('renders every file of the folder deterministically (runtime line aside)', () => {
    const data = analyse(runScenario({ ...options([5]), scenario: 'surge' }));
    const files = renderReport(data, { command: 'x', runtimeSeconds: 0, runs: 3 });
    expect(Object.keys(files).sort()).toEqual(
      ['README.md', 'coverage-gaps.md', ...STRATEGIES.map((s) => `map-${s}.svg`), 'results.json', 'time-to-site.svg', 'what-if.md'].sort(),
    );
    expect(renderReport(data, { command: 'x', runtimeSeconds: 0, runs: 3 })).toEqual(files);
    expect(files['map-haki.svg']).toMatch(/^<svg[\s\S]*<circle[\s\S]*<\/svg>\n$/);
    expect(files['README.md']).toContain('| Haki (ranking + policy) | Rural |');
    expect(files['README.md']).toContain('Strongest baseline');
    expect(data.strongestBaseline).not.toBe('haki');
    expect(data.paired.every((p) => p.a === 'haki' && p.b === data.strongestBaseline)).toBe(true);
  });
});

describe('what-if', () => {
  const roster = generateRoster(11, SIM_START_MS, 365, { ...DEFAULT_ROSTER_CONFIG, size: 120 });
  const before = coverage(roster, SIM_START_MS);
  const gaps = (cells: typeof before) => cells.filter((c) => c.status !== 'ok').length;

  it('adding professionals never increases coverage gaps or best-case times', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ROLES),
        fc.constantFrom(...COUNTIES.map((c) => c.name)),
        fc.integer({ min: 1, max: 3 }),
        (role, county, count) => {
          const after = coverage(addVolunteers(roster, [{ role, county, count }], 11, SIM_START_MS, 365), SIM_START_MS);
          after.forEach((c, i) => {
            expect(c.hqHours).toBeLessThanOrEqual((before[i] as (typeof before)[number]).hqHours);
            expect(c.interiorHours).toBeLessThanOrEqual((before[i] as (typeof before)[number]).interiorHours);
          });
          expect(gaps(after)).toBeLessThanOrEqual(gaps(before));
        },
      ),
      { numRuns: 12, seed: 20250106 },
    );
  });

  it('a pathologist in Mandera closes the Mandera postmortem gap', () => {
    const cell = (cells: typeof before) => cells.find((c) => c.county === 9 && c.service === 'postmortem');
    expect(cell(before)?.status).toBe('gap');
    expect(
      cell(
        coverage(
          addVolunteers(roster, [{ role: 'forensic-pathologist', county: 'Mandera', count: 1 }], 11, SIM_START_MS, 365),
          SIM_START_MS,
        ),
      )?.status,
    ).toBe('ok');
  });
});

describe('cli arguments', () => {
  it('defaults and overrides', () => {
    expect(parseArgs([])).toMatchObject({
      scenario: 'baseline',
      seeds: 5,
      out: 'reports/simulator/baseline',
      whatIf: 'add 3 clinicians in Turkana',
    });
    expect(parseArgs(['--scenario', 'surge', '--seeds', '2', '--what-if', 'none'])).toMatchObject({
      scenario: 'surge',
      seeds: 2,
      out: 'reports/simulator/surge',
      whatIf: null,
    });
    expect(() => parseArgs(['--scenario', 'flood'])).toThrow(/BAD_ARG/);
  });
});

describe('sensitivity and recruitment planner (tiny)', () => {
  const opts: ScenarioOptions = {
    scenario: 'surge',
    seeds: [2, 3],
    referrals: 60,
    roster: { size: 50 },
    strategies: ['fixed-list', 'haki'],
  };
  const result = runScenario(opts);

  it('withBehaviour restores the constants; sensitivity pairs Haki with the given baseline per knob', () => {
    const before = JSON.stringify(BEHAVIOUR);
    const s = sensitivity(opts, 'fixed-list', SENSITIVITY_KNOBS.slice(0, 1));
    expect(JSON.stringify(BEHAVIOUR)).toBe(before);
    expect(s.rows).toHaveLength(1);
    expect(s.rows[0]?.atLow.every((r) => r.a === 'haki' && r.b === 'fixed-list' && r.diff?.perSeed.length === 2)).toBe(true);
  });

  it('planner: shortlists per role and reports a paired per-seed drop', () => {
    const p = plan(opts, result, 1);
    expect(p.candidates.length).toBeGreaterThan(0);
    expect(p.candidates.length).toBeLessThanOrEqual(3);
    for (const c of p.candidates) expect(c.removed?.perSeed).toHaveLength(2);
    const means = p.candidates.map((c) => c.removed?.mean ?? -Infinity);
    expect(means).toEqual([...means].sort((a, b) => b - a));
  });
});
