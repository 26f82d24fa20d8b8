import type { Brief } from './open-brief.use-case';
import { escapeHtml } from '@haki/platform-runtime';

/**
 * The brief as a plain page for any phone's browser: no JavaScript, not cached, not indexed, no
 * referrer sent on. English only for now (the referral's own words are shown as given).
 */
export function briefPage(brief: Brief): string {
  const { details } = brief;
  const rows: [string, string | undefined][] = [
    ['Request', `${brief.serviceType} (${brief.urgency}), ${brief.countyName} County`],
    ['Deadline', brief.deadline],
    [
      'Person',
      [details.subject?.name, details.subject?.age !== undefined ? `age ${details.subject.age}` : undefined].filter(Boolean).join(', '),
    ],
    ['Meet', [details.referrer?.name, details.referrer?.organisation, details.referrer?.phone].filter(Boolean).join(', ')],
    ['Town', details.town],
    ['Landmark', details.landmark],
    ['Location', details.location ? `${details.location.lat.toFixed(5)}, ${details.location.lon.toFixed(5)}` : undefined],
    ['Agency involved', details.implicatedAgency],
    ['What happened', details.narrative],
  ];
  const body = rows
    .filter(([, value]) => value)
    .map(([label, value]) => `<dt>${label}</dt><dd>${escapeHtml(value!)}</dd>`)
    .join('');
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
    `<meta name="robots" content="noindex"><meta name="referrer" content="no-referrer"><title>Haki brief</title></head>` +
    `<body><h1>Haki brief</h1><p>Confidential. Do not forward. This opening is recorded.</p><dl>${body}</dl></body></html>`
  );
}

export function briefProblemPage(code: string): string {
  const text =
    code === 'LINK.EXPIRED'
      ? 'This link has expired. Call ops for a new one.'
      : code === 'LINK.NOT_CONFIRMED'
        ? 'This assignment is no longer yours. Call ops if you think this is wrong.'
        : 'This link is not valid.';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Haki brief</title></head><body><p>${text}</p></body></html>`;
}
