import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InvariantResult, Observed } from './invariants';
import type { LoadOptions } from './load-options';
import { percentile } from './percentiles';

export interface LoadRun {
  options: LoadOptions;
  machine: Record<string, unknown>;
  versions: Record<string, string>;
  observed: Observed;
  started: number;
  lastPost: number;
  /** From the last POST to the last referral offered or escalated; undefined if some never were. */
  drainMs: number | undefined;
  idleCpuPctOfOneCore: { before: number | undefined; after: number | undefined };
  chaos: string[];
  failures: string[];
  invariants: InvariantResult[];
}

interface Spread {
  count: number;
  p50?: number;
  p90?: number;
  p99?: number;
  max?: number;
}

const spread = (sample: number[]): Spread => ({
  count: sample.length,
  p50: percentile(sample, 50),
  p90: percentile(sample, 90),
  p99: percentile(sample, 99),
  max: percentile(sample, 100),
});

/** Per referral of this run, the time from its POST to the first event that matches. */
function latencies(observed: Observed, events: { referralId: string; at: number }[]): number[] {
  const first = new Map<string, number>();
  for (const { referralId, at } of events) if (!first.has(referralId) || at < first.get(referralId)!) first.set(referralId, at);
  return [...observed.submitted].flatMap(([id, sentAt]) => (first.has(id) ? [first.get(id)! - sentAt] : []));
}

export function summarise(run: LoadRun) {
  const { observed } = run;
  const firstOffer = latencies(observed, observed.offers);
  const offeredOrEscalated = latencies(observed, [...observed.offers, ...observed.escalations]);
  const firstSms = latencies(
    observed,
    observed.sms.filter((m) => m.purpose === 'offer' && m.status === 'sent'),
  );
  const outcome = latencies(observed, [...observed.confirmations, ...observed.escalations]);
  // Per phase, by when the referral was sent.
  let phaseStart = run.started;
  const phases = run.options.phases.map((phase) => {
    const from = phaseStart;
    phaseStart += phase.seconds * 1000;
    const inPhase: Observed = {
      ...observed,
      submitted: new Map([...observed.submitted].filter(([, at]) => at >= from && at < phaseStart)),
    };
    return { ...phase, submitToOfferMs: spread(latencies(inPhase, observed.offers)) };
  });
  return {
    submitted: observed.submitted.size,
    submitToFirstOfferMs: spread(firstOffer),
    submitToOfferedOrEscalatedMs: spread(offeredOrEscalated),
    submitToFirstSmsMs: spread(firstSms),
    submitToOutcomeMs: spread(outcome),
    phases,
    sendSeconds: Math.round((run.lastPost - run.started) / 100) / 10,
    achievedRatePerSecond: Math.round((observed.submitted.size / Math.max(1, (run.lastPost - run.started) / 1000)) * 10) / 10,
    drainMs: run.drainMs,
  };
}

const ms = (value: number | undefined) =>
  value === undefined ? 'n/a' : value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
const row = (name: string, s: Spread, of: number) =>
  `| ${name} | ${s.count} of ${of} | ${ms(s.p50)} | ${ms(s.p90)} | ${ms(s.p99)} | ${ms(s.max)} |`;

/** Writes `<out>/<label>.json` and `<out>/<label>.md`; returns their paths. */
export function writeLoadReport(run: LoadRun): string[] {
  const summary = summarise(run);
  const { options } = run;
  const command =
    `npm run load -- --phases ${options.phases.map((p) => `${p.rate}x${p.seconds}`).join(',')} --roster ${options.roster}` +
    (options.prefill ? ` --prefill ${options.prefill}` : '') +
    (options.chaos.length ? ` --chaos ${options.chaos.map((c) => `${c.target}@${c.atSecond}`).join(',')}` : '') +
    ` --settle ${options.settleSeconds} --idle ${options.idleSeconds} --label ${options.label}`;
  const json = {
    measuredAt: new Date(run.started).toISOString(),
    command,
    machine: run.machine,
    versions: run.versions,
    options,
    summary,
    idleCpuPctOfOneCore: run.idleCpuPctOfOneCore,
    chaos: run.chaos,
    failures: run.failures.slice(0, 20),
    failureCount: run.failures.length,
    invariants: run.invariants,
  };
  const n = summary.submitted;
  const idle = run.idleCpuPctOfOneCore;
  const lines = [
    `# Load run: ${options.label}`,
    '',
    `Measured ${json.measuredAt} with the native stack (\`npm start\`), ${JSON.stringify(run.machine)}, ` +
      `versions ${JSON.stringify(run.versions)}.`,
    '',
    '```sh',
    command,
    '```',
    '',
    `Sent ${n} referrals in ${summary.sendSeconds} s (${summary.achievedRatePerSecond}/s achieved); roster ${options.roster}; ` +
      `history pre-filled: ${options.prefill}. Drain (last POST → last referral offered or escalated): ${ms(summary.drainMs)}.`,
    '',
    '| from POST /referrals to | count | p50 | p90 | p99 | max |',
    '| --- | --: | --: | --: | --: | --: |',
    row('first offer', summary.submitToFirstOfferMs, n),
    row('first offer or escalation', summary.submitToOfferedOrEscalatedMs, n),
    row('first offer SMS sent', summary.submitToFirstSmsMs, n),
    row('outcome (confirmed or escalated)', summary.submitToOutcomeMs, n),
    '',
    '| phase | count | p50 | p90 | p99 | max |',
    '| --- | --: | --: | --: | --: | --: |',
    ...summary.phases.map((p) => row(`${p.rate}/s for ${p.seconds} s: first offer`, p.submitToOfferMs, Math.round(p.rate * p.seconds))),
    '',
    `Idle CPU of the whole stack (% of one core, over ${options.idleSeconds} s): ${idle.before ?? 'not measured'} before the run ` +
      `(after the roster import and any pre-fill), ${idle.after ?? 'not measured'} after.`,
    '',
    `Chaos: ${run.chaos.length ? run.chaos.join('; ') : 'none'}. Request failures: ${run.failures.length}.`,
    '',
    '| invariant | holds | violations |',
    '| --- | --- | --- |',
    ...run.invariants.map(
      (i) => `| ${i.name} | ${i.ok ? 'yes' : '**no**'} | ${i.violationCount ? `${i.violationCount}: ${i.violations.join('; ')}` : ''} |`,
    ),
    '',
  ];
  mkdirSync(options.out, { recursive: true });
  const files = [join(options.out, `${options.label}.json`), join(options.out, `${options.label}.md`)];
  writeFileSync(files[0]!, `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(files[1]!, lines.join('\n'));
  process.stdout.write(`${lines.join('\n')}\n`);
  return files;
}
