/** One stretch of a load run: this many referrals per second for this many seconds. */
export interface Phase {
  rate: number;
  seconds: number;
}

/** A fault injected mid-run: SIGKILL of a service, or a broker restart, at a second of the run. */
export interface Chaos {
  target: 'intake-service' | 'matching-service' | 'notification-service' | 'case-service' | 'kafka';
  atSecond: number;
}

export interface LoadOptions {
  phases: Phase[];
  roster: number;
  prefill: number;
  chaos: Chaos[];
  /** How long to wait after the last POST for every referral's outcome. */
  settleSeconds: number;
  /** How long the idle stack is measured before and after the run (0: not measured). */
  idleSeconds: number;
  out: string;
  label: string;
}

const LIMITS = { rate: 500, phaseSeconds: 3_600, referrals: 200_000, roster: 10_000, prefill: 1_000_000, settle: 3_600 };
const TARGETS = ['intake-service', 'matching-service', 'notification-service', 'case-service', 'kafka'] as const;

export class LoadOptionError extends Error {}

function fail(option: string, reason: string): never {
  throw new LoadOptionError(`--${option}: ${reason}`);
}

function integer(option: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) fail(option, `must be a whole number from ${min} to ${max}, not "${text}"`);
  return value;
}

/** `20x300,100x120`: 20 referrals/s for 300 s, then 100/s for 120 s. */
export function parsePhases(text: string): Phase[] {
  const phases = text.split(',').map((part) => {
    const match = /^(\d+(?:\.\d+)?)x(\d+)$/.exec(part.trim());
    if (!match) fail('phases', `"${part}" is not <referrals per second>x<seconds>`);
    const rate = Number(match[1]);
    if (!(rate > 0 && rate <= LIMITS.rate)) fail('phases', `a rate must be above 0 and at most ${LIMITS.rate}/s`);
    return { rate, seconds: integer('phases', match[2]!, 1, LIMITS.phaseSeconds) };
  });
  const total = phases.reduce((sum, phase) => sum + Math.round(phase.rate * phase.seconds), 0);
  if (total < 1) fail('phases', 'send at least one referral');
  if (total > LIMITS.referrals) fail('phases', `at most ${LIMITS.referrals} referrals in a run, not ${total}`);
  return phases;
}

/** `matching-service@60,kafka@120`. */
export function parseChaos(text: string): Chaos[] {
  if (!text) return [];
  return text.split(',').map((part) => {
    const [target, at] = part.trim().split('@');
    if (!TARGETS.includes(target as Chaos['target'])) fail('chaos', `"${target}" is not one of ${TARGETS.join(', ')}`);
    return { target: target as Chaos['target'], atSecond: integer('chaos', at ?? '', 1, LIMITS.phaseSeconds) };
  });
}

/** The value after `--<name>` in argv, or the fallback. */
export function argOption(argv: string[], name: string, fallback: string): string {
  const index = argv.indexOf(`--${name}`);
  return index >= 0 && argv[index + 1] !== undefined ? argv[index + 1]! : fallback;
}

export function parseLoadOptions(argv: string[]): LoadOptions {
  const option = (name: string, fallback: string) => argOption(argv, name, fallback);
  const label = option('label', 'run');
  if (!/^[a-z0-9-]{1,40}$/.test(label)) fail('label', 'lowercase letters, digits and dashes, at most 40');
  return {
    phases: parsePhases(option('phases', '2x60')),
    roster: integer('roster', option('roster', '300'), 2, LIMITS.roster),
    prefill: integer('prefill', option('prefill', '0'), 0, LIMITS.prefill),
    chaos: parseChaos(option('chaos', '')),
    settleSeconds: integer('settle', option('settle', '120'), 5, LIMITS.settle),
    idleSeconds: integer('idle', option('idle', '20'), 0, 600),
    out: option('out', 'reports/load'),
    label,
  };
}

/** When each referral of the run is due, in ms from the start, phase after phase. */
export function schedule(phases: Phase[]): number[] {
  const due: number[] = [];
  let phaseStart = 0;
  for (const { rate, seconds } of phases) {
    const count = Math.round(rate * seconds);
    for (let i = 0; i < count; i++) due.push(phaseStart + (i * 1000) / rate);
    phaseStart += seconds * 1000;
  }
  return due;
}
