import type { CompiledRoster } from '../roster/compiled-roster';
import { formatDuration } from '../travel/travel-model';
import { FACTORS, type FactorName, type Query } from './evaluate';

export interface Factor {
  name: FactorName;
  /** The raw measure: minutes, a share, a count, hours, or a probability (see README). */
  value: number;
  /** Penalty points this factor adds to the score; contributions sum exactly to the score. */
  contribution: number;
  text: string;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

function factorText(q: Query, i: number, name: FactorName, value: number): string {
  const r: CompiledRoster = q.roster;
  const w = q.weights;
  switch (name) {
    case 'travel': {
      const roadKm = Math.round(q.trip.roadKm);
      const home = r.homeLabel(i);
      const byRoad = `${formatDuration(value)} by road from ${home} (≈${roadKm} km)`;
      return q.trip.remote ? `can start by phone in ${formatDuration(w.remoteStartMinutes)}; ${byRoad}` : byRoad;
    }
    case 'wait':
      return value === 0 ? 'available now' : `available in ${formatDuration(value)}`;
    case 'load':
      return `${r.openCases[i]} of ${r.capacity[i]} cases open`;
    case 'recent':
      return value === 0
        ? `no assignments in the last ${w.recentWindowDays} days`
        : `${value} assignment${value === 1 ? '' : 's'} in the last ${w.recentWindowDays} days`;
    case 'cooldown':
      return value >= w.cooldownHours
        ? `no postmortem in the last ${w.cooldownHours} h`
        : `did a postmortem ${formatDuration(value * 60)} ago (${w.cooldownHours} h cooldown)`;
    case 'language':
      if (q.languageLabel === undefined) return 'no language requested';
      return value === 1 ? `speaks ${q.languageLabel}` : `does not speak ${q.languageLabel}: interpreter needed`;
    case 'acceptance':
      return `accepted ${r.accepts[i]} of ${r.offers[i]} offers (est. ${pct(value)} likely to accept)`;
    case 'response':
      return `answers offers in ~${formatDuration(value)} (median)`;
  }
}

/** Reads the scratch output of the last evaluate(q, i, …) into readable factors. */
export function explainFactors(q: Query, i: number): Factor[] {
  return FACTORS.map((name, f) => {
    const value = q.values[f] as number;
    return {
      name,
      value: Math.round(value * 1000) / 1000,
      contribution: q.contributions[f] as number,
      text: factorText(q, i, name, value),
    };
  });
}

/** One line for a list view: score, then travel, availability and load, then the biggest other penalty. */
export function summarise(score: number, factors: Factor[]): string {
  const pick = (n: FactorName) => factors.find((f) => f.name === n) as Factor;
  const others = factors
    .filter((f) => !['travel', 'wait', 'load'].includes(f.name) && f.contribution > 0)
    .sort((a, b) => b.contribution - a.contribution)
    .slice(0, 1);
  return `score ${score}: ${[pick('travel'), pick('wait'), pick('load'), ...others].map((f) => f.text).join('; ')}`;
}
