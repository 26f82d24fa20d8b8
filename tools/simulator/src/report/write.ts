// Writes a report folder. Every file is a pure function of the data except README.md's runtime line.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReportData } from './analysis';
import { coverageMarkdown, readme, whatIfMarkdown } from './markdown';
import { mapSvg, recruitmentSvg, timeToSiteSvg } from './svg';
import type { WhatIfData } from './what-if';

export interface ReportFiles {
  [name: string]: string;
}

const TITLES: Record<string, string> = { baseline: 'Baseline year', surge: 'Protest surge (48 h)' };

/** results.json: the report data (and the what-if), stable key order, no timestamps. */
export function resultsJson(data: ReportData, whatIf?: WhatIfData): string {
  return `${JSON.stringify({ ...data, whatIf: whatIf ?? null }, null, 1)}\n`;
}

export function renderReport(
  data: ReportData,
  opts: { command: string; runtimeSeconds: number; runs: number; whatIf?: WhatIfData },
): ReportFiles {
  const title = `Haki network simulator — ${TITLES[data.scenario] ?? data.scenario}`;
  const files: ReportFiles = {
    'README.md': readme({ data, title, command: opts.command, runtimeSeconds: opts.runtimeSeconds, runs: opts.runs, whatIf: opts.whatIf }),
    'results.json': resultsJson(data, opts.whatIf),
    'time-to-site.svg': timeToSiteSvg(
      data.distributions,
      `${TITLES[data.scenario] ?? data.scenario}: time from referral to arrival on site`,
    ),
    'coverage-gaps.md': coverageMarkdown(data),
    'what-if.md': opts.whatIf
      ? whatIfMarkdown(opts.whatIf, data.scenario)
      : `# What-if\n\nNot run (pass --what-if "add 3 clinicians in Turkana").\n`,
  };
  for (const s of data.strategies) {
    const figures = data.counties[s];
    if (figures)
      files[`map-${s}.svg`] = mapSvg(s, figures, `${TITLES[data.scenario] ?? data.scenario}: on site before the deadline, by county`);
  }
  if (data.planner)
    files['recruitment.svg'] = recruitmentSvg(
      data.planner,
      `${TITLES[data.scenario] ?? data.scenario}: where one more volunteer helps most`,
    );
  return files;
}

export function writeReport(dir: string, files: ReportFiles): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
}
