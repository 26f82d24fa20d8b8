import { agencyWords, type AgencyWords } from './agencies';
import type { RegisteredAgency } from './agency-register';

/** A registered agency offered in an error message when a name is not in the register. */
export interface AgencySuggestion {
  id: string;
  name: string;
}

/** Below half the letter pairs in common, a register name is another place, not a misspelling of this one. */
const MIN_SIMILARITY = 0.5;
/** A name that says "prison" is less likely to mean a police station of the same town, but may: it ranks below. */
const OTHER_KIND_WEIGHT = 0.8;

/**
 * The letter pairs of each word ("kodiaga": ko od di ia ag ga), counted. Pairs within words only, so word
 * order does not matter, as it does not when a name is resolved; a one-letter word ("South B") is its own pair.
 */
function letterPairs(words: readonly string[]): Map<string, number> {
  const pairs = new Map<string, number>();
  for (const word of words) {
    const grams = word.length === 1 ? [word] : Array.from({ length: word.length - 1 }, (_, i) => word.slice(i, i + 2));
    for (const gram of grams) pairs.set(gram, (pairs.get(gram) ?? 0) + 1);
  }
  return pairs;
}

/**
 * Dice's coefficient of two names' letter pairs: 2 × shared pairs / all pairs, 1 for the same letters,
 * 0 for none in common. It forgives a typo ("Kilimanj", "Kodiaki") and an extra or missing word
 * ("Kisii Central" for "Kisii"), and is simple enough to explain in one line next to an error.
 */
function similarity(a: Map<string, number>, b: Map<string, number>): number {
  let shared = 0;
  let total = 0;
  for (const [gram, count] of a) {
    shared += Math.min(count, b.get(gram) ?? 0);
    total += count;
  }
  for (const count of b.values()) total += count;
  return total ? (2 * shared) / total : 0;
}

const pairsCache = new WeakMap<RegisteredAgency, Map<string, number>[]>();
function namePairs(entry: RegisteredAgency): Map<string, number>[] {
  let pairs = pairsCache.get(entry);
  if (!pairs) {
    pairs = [entry.name, ...entry.aliases].flatMap((name) => {
      const read = agencyWords(name);
      return read ? [letterPairs(read.words)] : [];
    });
    pairsCache.set(entry, pairs);
  }
  return pairs;
}

/**
 * The registered agencies most like a name that is not in the register, best first, for the person to
 * choose from: never chosen for them. Each agency scores its best name or alias.
 */
export function suggestAgencies(read: AgencyWords, register: readonly RegisteredAgency[], limit = 3): AgencySuggestion[] {
  const wanted = letterPairs(read.words);
  return register
    .map((entry) => {
      const best = Math.max(0, ...namePairs(entry).map((pairs) => similarity(wanted, pairs)));
      return { entry, score: read.kindStated && entry.kind !== read.kind ? best * OTHER_KIND_WEIGHT : best };
    })
    .filter(({ score }) => score >= MIN_SIMILARITY)
    .sort((a, b) => b.score - a.score || a.entry.name.localeCompare(b.entry.name))
    .slice(0, limit)
    .map(({ entry }) => ({ id: entry.id, name: entry.name }));
}
