import { apportion, generateRoster, parseWhatIf, addVolunteers } from './roster';
import { SIM_START_MS } from './referrals';

describe('roster', () => {
  it('apportions exact counts that sum to n', () => {
    expect(apportion(300, [0.42, 0.32, 0.2, 0.06])).toEqual([126, 96, 60, 18]);
    expect(apportion(10, [1, 1, 1]).reduce((s, x) => s + x, 0)).toBe(10);
  });

  it('has the configured size, unique ids, and most volunteers in Nairobi', () => {
    const roster = generateRoster(1, SIM_START_MS, 365);
    expect(roster).toHaveLength(300);
    expect(new Set(roster.map((v) => v.professional.id)).size).toBe(300);
    const nairobi = roster.filter((v) => v.county === 47).length;
    expect(nairobi).toBeGreaterThanOrEqual(145);
    expect(nairobi).toBeLessThanOrEqual(160);
    expect(
      roster.filter((v) => v.professional.roles[0] === 'forensic-pathologist').every((v) => [47, 1, 42, 27, 32].includes(v.county)),
    ).toBe(true);
  });

  it('what-if additions are appended and leave everyone else unchanged', () => {
    const roster = generateRoster(2, SIM_START_MS, 365);
    const more = addVolunteers(roster, parseWhatIf('add 3 clinicians in Turkana'), 2, SIM_START_MS, 365);
    expect(more.slice(0, roster.length)).toEqual(roster);
    expect(more.slice(roster.length).map((v) => [v.county, v.professional.roles[0]])).toEqual([
      [23, 'clinician'],
      [23, 'clinician'],
      [23, 'clinician'],
    ]);
  });

  it('parses what-if text', () => {
    expect(parseWhatIf('add 3 clinician in Turkana')).toEqual([{ count: 3, role: 'clinician', county: 'Turkana' }]);
    expect(parseWhatIf('add 2 pathologists in Garissa, 4 advocates in West Pokot')).toEqual([
      { count: 2, role: 'forensic-pathologist', county: 'Garissa' },
      { count: 4, role: 'advocate', county: 'West Pokot' },
    ]);
    expect(() => parseWhatIf('add some people in Atlantis')).toThrow(/BAD_WHAT_IF/);
  });
});
