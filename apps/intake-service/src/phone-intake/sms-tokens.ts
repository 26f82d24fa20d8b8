import type { KeywordTable } from './sms-keywords';
import type { PhoneLanguage } from './phone-draft';

// An SMS as words: lower case, letters and digits only, with the clause each word is in (commas,
// full stops and the like end a clause: "death last night, burial Saturday" is two).

export interface Token {
  word: string;
  clause: number;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let clause = 0;
  // Apostrophes join ("murang'a"), other punctuation separates; clause marks end a clause.
  for (const piece of text
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .split(/([,.;:!?\n]+)|\s+|[^\p{L}\p{N},.;:!?\n]+/u)) {
    if (!piece) continue;
    if (/^[,.;:!?\n]+$/.test(piece)) clause++;
    else tokens.push({ word: piece, clause });
  }
  return tokens;
}

/** Whether `phrase` (words separated by spaces) starts at token `at`. */
export function phraseAt(tokens: readonly Token[], at: number, phrase: string): boolean {
  const words = phrase.split(' ');
  return words.every((word, offset) => tokens[at + offset]?.word === word);
}

/** A phrase found: where, how many words, and the language of the table entry it came from. */
export interface Found<K> {
  key: K;
  at: number;
  length: number;
  language: PhoneLanguage;
}

/** The longest phrase of any table starting at `at`, or undefined. */
export function longestAt<K extends string>(
  tokens: readonly Token[],
  at: number,
  tables: { readonly [key in K]: KeywordTable },
): Found<K> | undefined {
  let best: Found<K> | undefined;
  for (const key of Object.keys(tables) as K[]) {
    for (const language of ['en', 'sw'] as const) {
      for (const phrase of tables[key][language]) {
        const length = phrase.split(' ').length;
        if ((!best || length > best.length) && phraseAt(tokens, at, phrase)) best = { key, at, length, language };
      }
    }
  }
  return best;
}

/** Every phrase of the tables in the tokens, left to right, longest first where two start together. */
export function findAll<K extends string>(tokens: readonly Token[], tables: { readonly [key in K]: KeywordTable }): Found<K>[] {
  const found: Found<K>[] = [];
  for (let at = 0; at < tokens.length;) {
    const hit = longestAt(tokens, at, tables);
    if (hit) found.push(hit);
    at += hit?.length ?? 1;
  }
  return found;
}
