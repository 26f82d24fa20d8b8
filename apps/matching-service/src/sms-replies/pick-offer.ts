import { replyCode } from '@haki/contracts';

export interface OpenOffer {
  referralId: string;
  offerId: string;
}

export type ReplyTarget =
  | { kind: 'offer'; offer: OpenOffer; code: string }
  /** Nothing open has the code (closed, someone else's, mistyped), or nothing is open. */
  | { kind: 'none'; codes: string[] }
  /** No code, and more than one open: the volunteer must say which (their codes). */
  | { kind: 'several'; codes: string[] };

/**
 * Which of the sender's open offers a reply answers: the one whose reply code it names, or, without a
 * code, the only one open. Guessing between several would risk accepting a postmortem the volunteer
 * meant to decline, so they are asked instead. Pure.
 */
export function pickOffer(open: readonly OpenOffer[], code: string | undefined): ReplyTarget {
  const coded = open.map((offer) => ({ offer, code: replyCode(offer.offerId) }));
  if (code !== undefined) {
    const named = coded.filter((candidate) => candidate.code === code);
    // Two open offers of one volunteer with the same code (1 in 10,000): refuse rather than guess.
    return named.length === 1 ? { kind: 'offer', ...named[0]! } : { kind: named.length ? 'several' : 'none', codes: [code] };
  }
  if (coded.length === 1) return { kind: 'offer', ...coded[0]! };
  return coded.length === 0 ? { kind: 'none', codes: [] } : { kind: 'several', codes: coded.map((candidate) => candidate.code) };
}
