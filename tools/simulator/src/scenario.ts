// A scenario = roster + referrals per seed, every strategy run on the same seed (same volunteers, same
// referrals, same keyed behaviour draws).
import { Sim, STRATEGIES, type RunResult, type StrategyName } from './engine';
import { DEFAULT_BASELINE, DEFAULT_SURGE, generateBaseline, generateSurge, type SimReferral } from './referrals';
import { addVolunteers, DEFAULT_ROSTER_CONFIG, generateRoster, type Addition, type RosterConfig, type Volunteer } from './roster';
import { makeStrategy } from './strategies';
import { hashString } from './random';
import { siteTripsFor, type SiteTrips } from './travel';

export const SCENARIOS = ['baseline', 'surge'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface ScenarioOptions {
  scenario: ScenarioName;
  seeds: readonly number[];
  strategies?: readonly StrategyName[];
  /** Referral count (default: 1,500 for the baseline year, 400 for the surge). */
  referrals?: number;
  roster?: Partial<RosterConfig>;
  additions?: readonly Addition[];
  coordinators?: number;
  /** Called as referrals settle: (settled so far over all runs, total). */
  onProgress?: (done: number, total: number) => void;
}

export interface ScenarioRun {
  seed: number;
  strategy: StrategyName;
  result: RunResult;
}

export interface SeedWorld {
  seed: number;
  volunteers: Volunteer[];
  referrals: SimReferral[];
  /** Road trips to this seed's referral sites, shared by every run on these referrals. */
  trips: SiteTrips;
}

export interface ScenarioResult {
  options: ScenarioOptions;
  worlds: SeedWorld[];
  runs: ScenarioRun[];
  /** Simulated window of referral arrivals. */
  startMs: number;
  days: number;
}

export function scenarioWindow(scenario: ScenarioName): { startMs: number; days: number } {
  return scenario === 'baseline'
    ? { startMs: DEFAULT_BASELINE.startMs, days: DEFAULT_BASELINE.days }
    : { startMs: DEFAULT_SURGE.startMs, days: Math.ceil(DEFAULT_SURGE.hours / 24) };
}

export function buildWorld(options: ScenarioOptions, seed: number): SeedWorld {
  const { startMs } = scenarioWindow(options.scenario);
  const rosterConfig = { ...DEFAULT_ROSTER_CONFIG, ...options.roster };
  // The roster is drawn over a year even for the surge (leave blocks, lapsed certificates).
  const base = generateRoster(seed, options.scenario === 'baseline' ? startMs : startMs - 176 * 86_400_000, 365, rosterConfig);
  const volunteers =
    options.additions && options.additions.length > 0 ? addVolunteers(base, options.additions, seed, startMs, 365, rosterConfig) : base;
  const referrals =
    options.scenario === 'baseline'
      ? generateBaseline(seed, { ...DEFAULT_BASELINE, count: options.referrals ?? DEFAULT_BASELINE.count })
      : generateSurge(seed, { ...DEFAULT_SURGE, count: options.referrals ?? DEFAULT_SURGE.count });
  const sites = hashString(referrals.map((r) => `${r.site.lat},${r.site.lon}`).join(';'));
  const key = `${options.scenario}:${seed}:${referrals.length}:${sites}`;
  return {
    seed,
    volunteers,
    referrals,
    trips: siteTripsFor(
      key,
      referrals.map((r) => r.site),
    ),
  };
}

export function runScenario(options: ScenarioOptions): ScenarioResult {
  const strategies = options.strategies ?? STRATEGIES;
  const worlds = options.seeds.map((seed) => buildWorld(options, seed));
  const total = worlds.reduce((s, w) => s + w.referrals.length, 0) * strategies.length;
  let before = 0;
  const runs: ScenarioRun[] = [];
  for (const world of worlds) {
    for (const strategy of strategies) {
      const offset = before;
      const sim = new Sim({
        seed: world.seed,
        volunteers: world.volunteers,
        referrals: world.referrals,
        trips: world.trips,
        coordinators: options.coordinators,
        onSettled: (n) => options.onProgress?.(offset + n, total),
      });
      runs.push({ seed: world.seed, strategy, result: sim.run(makeStrategy(strategy, sim)) });
      before += world.referrals.length;
    }
  }
  return { options, worlds, runs, ...scenarioWindow(options.scenario) };
}
