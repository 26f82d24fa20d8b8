// npm run simulate -- [--scenario baseline|surge] [--seeds 5] [--out reports/simulator/<name>]
//                     [--what-if "add 3 clinicians in Turkana" | --what-if none]
//                     [--referrals N] [--volunteers N] [--coordinators N] [--first-seed 1] [--strategies haki,nearest-phone]
//                     [--no-sensitivity] [--no-planner] [--planner-candidates 3]
import { SingleBar } from 'cli-progress';
import { ALL_STRATEGIES, STRATEGIES, type StrategyName } from './engine';
import { parseWhatIf } from './roster';
import { runScenario, SCENARIOS, type ScenarioName, type ScenarioOptions } from './scenario';
import { analyse } from './report/analysis';
import { DEFAULT_PLANNER_CANDIDATES, plan } from './report/planner';
import { sensitivity } from './report/sensitivity';
import { whatIf as runWhatIf } from './report/what-if';
import { renderReport, writeReport } from './report/write';

export interface CliArgs {
  scenario: ScenarioName;
  seeds: number;
  firstSeed: number;
  out: string;
  whatIf: string | null;
  referrals?: number;
  volunteers?: number;
  coordinators?: number;
  strategies: StrategyName[];
  sensitivity: boolean;
  planner: boolean;
  /** Shortlisted counties per required role for the recruitment planner. */
  plannerCandidates: number;
}

/** Default what-if per scenario: a rural recruitment for the year, more advocates where the surge hits hardest outside Nairobi. */
export const DEFAULT_WHAT_IF: Record<ScenarioName, string> = {
  baseline: 'add 3 clinicians in Turkana',
  surge: 'add 10 advocates in Kisumu',
};

export function parseArgs(argv: readonly string[]): CliArgs {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    if (i >= 0) return argv[i + 1];
    const eq = argv.find((a) => a.startsWith(`--${name}=`));
    return eq?.slice(name.length + 3);
  };
  const int = (name: string, min: number): number | undefined => {
    const v = get(name);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new Error(`SIMULATOR.BAD_ARG: --${name} expects an integer ≥ ${min}, got "${v}"`);
    return n;
  };
  const scenario = (get('scenario') ?? 'baseline') as ScenarioName;
  if (!SCENARIOS.includes(scenario)) throw new Error(`SIMULATOR.BAD_ARG: --scenario must be one of ${SCENARIOS.join(', ')}`);
  const strategies = (get('strategies')?.split(',') ?? [...STRATEGIES]) as StrategyName[];
  for (const s of strategies)
    if (!ALL_STRATEGIES.includes(s)) throw new Error(`SIMULATOR.BAD_ARG: unknown strategy "${s}" (${ALL_STRATEGIES.join(', ')})`);
  const w = get('what-if');
  return {
    scenario,
    seeds: int('seeds', 1) ?? 5,
    firstSeed: int('first-seed', 0) ?? 1,
    out: get('out') ?? `reports/simulator/${scenario}`,
    whatIf: w === undefined ? DEFAULT_WHAT_IF[scenario] : w === '' || w.toLowerCase() === 'none' ? null : w,
    referrals: int('referrals', 1),
    volunteers: int('volunteers', 1),
    coordinators: int('coordinators', 1),
    strategies,
    sensitivity: !argv.includes('--no-sensitivity'),
    planner: !argv.includes('--no-planner'),
    plannerCandidates: int('planner-candidates', 1) ?? DEFAULT_PLANNER_CANDIDATES,
  };
}

/** The command line that reproduces a report (what the README shows). */
export function commandFor(a: CliArgs): string {
  const parts = ['npm run simulate --', `--scenario ${a.scenario}`, `--seeds ${a.seeds}`];
  if (a.firstSeed !== 1) parts.push(`--first-seed ${a.firstSeed}`);
  if (a.referrals !== undefined) parts.push(`--referrals ${a.referrals}`);
  if (a.volunteers !== undefined) parts.push(`--volunteers ${a.volunteers}`);
  if (a.coordinators !== undefined) parts.push(`--coordinators ${a.coordinators}`);
  if (a.strategies.join(',') !== STRATEGIES.join(',')) parts.push(`--strategies ${a.strategies.join(',')}`);
  if (!a.sensitivity) parts.push('--no-sensitivity');
  if (!a.planner) parts.push('--no-planner');
  else if (a.plannerCandidates !== DEFAULT_PLANNER_CANDIDATES) parts.push(`--planner-candidates ${a.plannerCandidates}`);
  parts.push(`--out ${a.out}`, `--what-if ${JSON.stringify(a.whatIf ?? 'none')}`);
  return parts.join(' ');
}

/** Progress on stderr: a bar on a terminal; in CI (no TTY) one line per phase. */
function progress(label: string): { update: (done: number, total: number) => void; stop: () => void } {
  if (!process.stderr.isTTY) {
    process.stderr.write(`${label}…\n`);
    return { update: () => undefined, stop: () => undefined };
  }
  const bar = new SingleBar(
    { format: `${label} [{bar}] {percentage}% | {value}/{total} referrals | {eta}s left`, stream: process.stderr, hideCursor: true },
    undefined,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) [started] = [true, bar.start(total, 0)];
      if (done % 50 === 0 || done === total) bar.update(done);
    },
    stop: () => started && bar.stop(),
  };
}

export function main(argv: readonly string[]): void {
  const args = parseArgs(argv);
  const t0 = process.hrtime.bigint();
  const seeds = Array.from({ length: args.seeds }, (_, i) => args.firstSeed + i);
  const options: ScenarioOptions = {
    scenario: args.scenario,
    seeds,
    strategies: args.strategies,
    referrals: args.referrals,
    roster: args.volunteers ? { size: args.volunteers } : undefined,
    coordinators: args.coordinators,
  };
  const main = progress(`${args.scenario}: ${args.strategies.length} strategies × ${seeds.length} seeds`);
  const result = runScenario({ ...options, onProgress: main.update });
  main.stop();
  const data = analyse(result);
  let whatIf;
  let runs = result.runs.length;
  const strongest = data.strongestBaseline;
  // The extra analyses re-run only what they compare: Haki, the strongest baseline (and today's practice for the what-if).
  const compared = [...new Set<StrategyName>(['haki', ...(strongest ? [strongest] : []), 'fixed-list'])].filter((s) =>
    args.strategies.includes(s),
  );
  if (args.whatIf) {
    const bar = progress(`what-if "${args.whatIf}" (${compared.join(', ')})`);
    whatIf = runWhatIf(args.whatIf, parseWhatIf(args.whatIf), { ...options, strategies: compared, onProgress: bar.update }, result, data);
    bar.stop();
    runs += compared.length * seeds.length;
  }
  if (args.sensitivity && strongest && args.strategies.includes('haki')) {
    const bar = progress(`sensitivity: Haki vs ${strongest}, 6 settings`);
    data.sensitivity = sensitivity(options, strongest, undefined, bar.update);
    bar.stop();
    runs += data.sensitivity.rows.length * 2 * 2 * seeds.length;
  }
  if (args.planner && args.strategies.includes('haki')) {
    const bar = progress(`recruitment planner: ${args.plannerCandidates} counties per role`);
    data.planner = plan(options, result, args.plannerCandidates, bar.update);
    bar.stop();
    runs += data.planner.candidates.length * seeds.length;
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  writeReport(args.out, renderReport(data, { command: commandFor(args), runtimeSeconds: seconds, runs, whatIf }));
  process.stderr.write(`${args.scenario}: ${runs} runs in ${seconds.toFixed(1)} s → ${args.out}\n`);
}

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
}
