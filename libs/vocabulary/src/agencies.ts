/** The kinds of body a referral can implicate; the key's prefix. */
export const AGENCY_KINDS = ['police', 'prison', 'agency'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

const KIND_WORDS: [AgencyKind, RegExp][] = [
  ['police', /\b(police|station|post|ops)\b/g],
  ['prison', /\b(prison|prisons|remand|gk|borstal|jail)\b/g],
];
const KEY = /^(police|prison|agency):[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * A stable identifier for an implicated police station, prison or agency, as written by intake staff
 * or in a volunteer's declared conflicts: "Kilimani Police Station" and "police:kilimani" are the same
 * key, so a volunteer who declared that conflict is never offered the case. Kind from the words
 * (police, prison; anything else is an agency such as "agency:kdf"), name from what is left.
 * Undefined when nothing is left to name it by.
 */
export function agencyKey(input: string): string | undefined {
  const text = input.trim().toLowerCase();
  if (KEY.test(text)) return text;
  let kind: AgencyKind = 'agency';
  let rest = text.replace(/\./g, '').replace(/[^a-z0-9\s-]/g, ' '); // "G.K." is "gk"
  for (const [candidate, words] of KIND_WORDS) {
    const stripped = rest.replace(words, ' ');
    if (stripped !== rest && kind === 'agency') kind = candidate;
    rest = stripped;
  }
  const name = rest
    .split(/[\s-]+/)
    .filter(Boolean)
    .join('-');
  return name ? `${kind}:${name}` : undefined;
}
