import type { Sim, Strategy, StrategyName } from '../engine';
import { fixedListStrategy } from './fixed-list';
import { hakiStrategy } from './haki';
import { nearestStrategy } from './nearest';

export const STRATEGY_LABEL: Record<StrategyName, string> = {
  'fixed-list': 'Coordinator, fixed list',
  nearest: 'Nearest available',
  haki: 'Haki ranking + policy',
};

export function makeStrategy(name: StrategyName, sim: Sim): Strategy {
  switch (name) {
    case 'fixed-list':
      return fixedListStrategy(sim);
    case 'nearest':
      return nearestStrategy(sim);
    case 'haki':
      return hakiStrategy(sim);
  }
}
