import { agencyWords, isAgencyKey, type AgencyKind } from './agencies';

// The shape of the network's agency register (data/agencies.csv, kept as data/SOURCES.md says) and
// what makes one sound: no name that two rows answer to. How a name is looked up in it is
// resolve-agency.ts; this module holds no data, so the generator can check a CSV before it is built in.

export interface RegisteredAgency {
  /** `<kind>:<words>`, stable for ever: stored conflicts and referral events carry it. */
  id: string;
  kind: AgencyKind;
  name: string;
  /** Where it sits, 1-47; absent for national units. */
  countyCode?: number;
  /** Other names for this body and no other: older names, abbreviations, common spellings. */
  aliases: readonly string[];
  /** A key of data/SOURCES.md's sources table. */
  source: string;
}

/** A name's words as a set, under its kind or under any kind (`*`): what two names must share to be one agency. */
export const formOf = (kind: AgencyKind | '*', words: readonly string[]) => `${kind}:${[...new Set(words)].sort().join(' ')}`;

export interface RegisterIndex {
  byId: Map<string, RegisteredAgency>;
  /** Every name, alias and id by its kinded form: at most one agency each (registerProblems checks). */
  byForm: Map<string, string>;
  /** The same names without their kind: "Naivasha" is a station and a prison, so this may hold several. */
  byWords: Map<string, Set<string>>;
}

export function indexOf(register: readonly RegisteredAgency[]): RegisterIndex {
  const index: RegisterIndex = { byId: new Map(), byForm: new Map(), byWords: new Map() };
  for (const entry of register) {
    index.byId.set(entry.id, entry);
    for (const name of [entry.id, entry.name, ...entry.aliases]) {
      const read = agencyWords(name);
      if (!read) continue;
      const form = formOf(read.kind, read.words);
      if (!index.byForm.has(form)) index.byForm.set(form, entry.id);
      const words = formOf('*', read.words);
      index.byWords.set(words, (index.byWords.get(words) ?? new Set()).add(entry.id));
    }
  }
  return index;
}

/**
 * What is wrong with a register, in words: an id not of the key shape or not prefixed by its kind, an
 * id twice, a name with no words, an alias that adds nothing to the row's other names, and (the one that
 * matters most) a name, alias or id that two rows would both answer to. Empty when it is sound. The
 * generator refuses a CSV with any; a unit test keeps the built-in register free of them.
 */
export function registerProblems(register: readonly RegisteredAgency[]): string[] {
  const problems: string[] = [];
  const owner = new Map<string, string>();
  const seen = new Set<string>();
  for (const entry of register) {
    if (!isAgencyKey(entry.id)) problems.push(`${entry.id}: id must look like police:kilimani (kind, colon, lowercase words joined by -)`);
    else if (!entry.id.startsWith(`${entry.kind}:`)) problems.push(`${entry.id}: id must start with its kind, ${entry.kind}:`);
    if (seen.has(entry.id)) problems.push(`${entry.id}: id is listed twice`);
    seen.add(entry.id);
    const ownForms = new Set<string>();
    for (const [position, name] of [entry.id, entry.name, ...entry.aliases].entries()) {
      const read = agencyWords(name);
      if (!read) {
        problems.push(`${entry.id}: "${name}" has no words to name it by`);
        continue;
      }
      const form = formOf(read.kind, read.words);
      const other = owner.get(form);
      if (other !== undefined && other !== entry.id) problems.push(`${entry.id}: "${name}" is also a name of ${other}`);
      owner.set(form, entry.id);
      // The id usually reads as the name itself; from the name on, a repeat is an alias that says nothing new.
      if (position > 0 && ownForms.has(form)) problems.push(`${entry.id}: alias "${name}" reads the same as another of its names`);
      if (position > 0) ownForms.add(form);
    }
  }
  return problems;
}
