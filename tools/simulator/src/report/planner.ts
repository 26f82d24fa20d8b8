// Recruitment planner: where would ONE more volunteer remove the most late-or-unmatched referrals?
// Candidates (county × required role) are the counties with the most late-or-unmatched referrals for
// that role under Haki in the main run (a cheap shortlist: a full 47 × 3 sweep would be 141 re-runs).
// Each candidate re-runs Haki on the same seeds with one volunteer added there (on call, Istanbul-trained
// if a clinician, near the county HQ — what-if's `addVolunteers`); the gain is the paired per-seed drop
// in late-or-unmatched referrals over the whole network (not only the county: one more person also
// frees others).
import { countyByCode } from '../county-class';
import type { ReferralOutcome, StrategyName } from '../engine';
import { meanCI, onTime } from '../metrics';
import { runScenario, type ScenarioOptions, type ScenarioResult } from '../scenario';
import type { Role } from '@haki/vocabulary';
import { round, roundEstimate, type RoundedEstimate } from './analysis';

/** Roles that can be a referral's required role (psychologists only ever observe). */
export const PLANNER_ROLES: Role[] = ['forensic-pathologist', 'clinician', 'advocate'];
/** Candidate counties per role (most late-or-unmatched first). */
export const DEFAULT_PLANNER_CANDIDATES = 3;
export const PLANNER_STRATEGY: StrategyName = 'haki';

export interface PlannerCandidate {
  county: number;
  name: string;
  role: Role;
  /** Late-or-unmatched referrals per run in this county needing this role (main run). */
  missedHerePerSeed: number;
  /** Late-or-unmatched referrals removed per run, whole network, paired across seeds (mean, 95 % CI). */
  removed: (RoundedEstimate & { perSeed: number[] }) | null;
  /** Of which in this county. */
  removedHere: number | null;
}

export interface PlannerData {
  strategy: StrategyName;
  candidatesPerRole: number;
  candidates: PlannerCandidate[];
}

const missed = (os: readonly ReferralOutcome[]) => os.filter((o) => !onTime(o));

export function plan(
  options: ScenarioOptions,
  before: ScenarioResult,
  perRole = DEFAULT_PLANNER_CANDIDATES,
  onCandidate?: (done: number, total: number) => void,
): PlannerData {
  const runsOf = (r: ScenarioResult) => r.runs.filter((x) => x.strategy === PLANNER_STRATEGY);
  const baseRuns = runsOf(before);
  const seeds = baseRuns.length;
  const worlds = new Map(before.worlds.map((w) => [w.seed, w]));
  const requiredRole = (seed: number, o: ReferralOutcome) => worlds.get(seed)?.referrals[o.index]?.roles[0]?.role;
  const shortlist: { county: number; role: Role; missedHere: number }[] = [];
  for (const role of PLANNER_ROLES) {
    const tally = new Map<number, number>();
    for (const run of baseRuns)
      for (const o of missed(run.result.outcomes))
        if (requiredRole(run.seed, o) === role) tally.set(o.county, (tally.get(o.county) ?? 0) + 1);
    [...tally]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, perRole)
      .forEach(([county, n]) => shortlist.push({ county, role, missedHere: n }));
  }
  const candidates = shortlist.map((c, i): PlannerCandidate => {
    const name = countyByCode(c.county).name;
    const after = runsOf(
      runScenario({
        ...options,
        strategies: [PLANNER_STRATEGY],
        additions: [...(options.additions ?? []), { count: 1, role: c.role, county: name }],
      }),
    );
    onCandidate?.(i + 1, shortlist.length);
    const drop = baseRuns.map((b, s) => missed(b.result.outcomes).length - missed(after[s]?.result.outcomes ?? []).length);
    const here = baseRuns.map(
      (b, s) =>
        missed(b.result.outcomes).filter((o) => o.county === c.county).length -
        missed(after[s]?.result.outcomes ?? []).filter((o) => o.county === c.county).length,
    );
    const e = meanCI(drop);
    return {
      county: c.county,
      name,
      role: c.role,
      missedHerePerSeed: round(c.missedHere / seeds, 2) as number,
      removed: e ? { ...(roundEstimate(e) as NonNullable<RoundedEstimate>), perSeed: drop } : null,
      removedHere: round(here.reduce((s, x) => s + x, 0) / seeds, 2),
    };
  });
  candidates.sort(
    (a, b) => (b.removed?.mean ?? -Infinity) - (a.removed?.mean ?? -Infinity) || a.county - b.county || a.role.localeCompare(b.role),
  );
  return { strategy: PLANNER_STRATEGY, candidatesPerRole: perRole, candidates };
}
