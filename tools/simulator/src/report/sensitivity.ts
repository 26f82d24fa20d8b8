// Sensitivity bands: the behaviour constants that move the comparison most are set low and high, Haki
// and the strongest baseline re-run on the same seeds, and the paired difference (Haki − baseline) on
// the headline metrics reported for each setting. The baseline stays the one picked in the main run.
import { BEHAVIOUR, withBehaviour, type BehaviourOverrides } from '../behaviour';
import type { StrategyName } from '../engine';
import type { Group, MetricKey } from '../metrics';
import { runScenario, type ScenarioOptions } from '../scenario';
import { paired, perSeedMetrics, type PairedRow } from './analysis';

export interface SensitivityKnob {
  key: keyof BehaviourOverrides;
  label: string;
  low: number;
  high: number;
  /** What data would calibrate it (also next to the constant in behaviour.ts). */
  calibrate: string;
}

export const SENSITIVITY_KNOBS: SensitivityKnob[] = [
  {
    key: 'responseDelayScale',
    label: 'SMS response delay (× every median)',
    low: 0.5,
    high: 2,
    calibrate: 'offer log: sent → answered per offer, by urgency, hour, schedule',
  },
  {
    key: 'travelHalfScale',
    label: 'Acceptance by distance (× trip hours at which acceptance halves)',
    low: 0.5,
    high: 2,
    calibrate: 'accept/decline per offer against its road trip (logistic fit)',
  },
  {
    key: 'beyondPreferenceAccept',
    label: 'Travel willingness beyond declared limits (acceptance ×)',
    low: 0.2,
    high: 0.9,
    calibrate: 'acceptance in the widening step that ignores travel preferences vs the steps within them',
  },
];

export const SENSITIVITY_METRICS: { metric: MetricKey; group: Group }[] = [
  { metric: 'deadlineMet', group: 'all' },
  { metric: 'deadlineMet', group: 'rural' },
  { metric: 'cappedMedianSiteH', group: 'rural' },
];

export interface SensitivityRow {
  key: string;
  label: string;
  calibrate: string;
  base: number;
  low: number;
  high: number;
  /** Haki − baseline at the low and high setting, per metric (same order as SENSITIVITY_METRICS). */
  atLow: PairedRow[];
  atHigh: PairedRow[];
}

export interface SensitivityData {
  baseline: StrategyName;
  rows: SensitivityRow[];
}

export function sensitivity(
  options: ScenarioOptions,
  baseline: StrategyName,
  knobs: readonly SensitivityKnob[] = SENSITIVITY_KNOBS,
  onVariant?: (done: number, total: number) => void,
): SensitivityData {
  const strategies: StrategyName[] = ['haki', baseline];
  const total = knobs.length * 2;
  let done = 0;
  const at = (key: keyof BehaviourOverrides, value: number): PairedRow[] => {
    const result = withBehaviour({ [key]: value }, () => runScenario({ ...options, strategies, additions: options.additions }));
    onVariant?.(++done, total);
    const per = perSeedMetrics(result);
    return SENSITIVITY_METRICS.map(({ metric, group }) => paired(per, 'haki', baseline, metric, group));
  };
  return {
    baseline,
    rows: knobs.map((k) => ({
      key: k.key,
      label: k.label,
      calibrate: k.calibrate,
      base: BEHAVIOUR[k.key],
      low: k.low,
      high: k.high,
      atLow: at(k.key, k.low),
      atHigh: at(k.key, k.high),
    })),
  };
}
