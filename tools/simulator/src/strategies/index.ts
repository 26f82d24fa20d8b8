import type { Sim, Strategy, StrategyName } from '../engine';
import { phoneStrategy } from './fixed-list';
import { hakiStrategy, policyStrategy } from './haki';
import { nearestSmsStrategy } from './nearest';

export const STRATEGY_LABEL: Record<StrategyName, string> = {
  'fixed-list': 'Phone, fixed list',
  'nearest-phone': 'Phone, nearest first',
  'local-phone': 'Phone, local first',
  'fixed-list-policy': 'Policy, fixed list',
  'nearest-policy': 'Policy, nearest first',
  'local-policy': 'Policy, local first',
  haki: 'Haki (ranking + policy)',
  'nearest-sms': 'SMS one at a time, nearest first',
};

export function makeStrategy(name: StrategyName, sim: Sim): Strategy {
  switch (name) {
    case 'fixed-list':
      return phoneStrategy(sim, name, 'fixed-list');
    case 'nearest-phone':
      return phoneStrategy(sim, name, 'nearest');
    case 'local-phone':
      return phoneStrategy(sim, name, 'local');
    case 'fixed-list-policy':
      return policyStrategy(sim, name, 'fixed-list');
    case 'nearest-policy':
      return policyStrategy(sim, name, 'nearest');
    case 'local-policy':
      return policyStrategy(sim, name, 'local');
    case 'haki':
      return hakiStrategy(sim);
    case 'nearest-sms':
      return nearestSmsStrategy(sim);
  }
}
