import type { ParsedReplyV1 } from '@haki/contracts';

/**
 * What a volunteer's SMS reply says, in English or Swahili, however it is typed: "YES 6842",
 * "no 6842 busy", "Ndiyo, 6842.", "HAPANA 6842", "AWAY 3", "BACK". The 4-digit code names the offer
 * (`replyCode` in @haki/contracts); without one, the caller may take the sender's only open offer.
 * Pure: who sent it and which offer it answers are decided elsewhere.
 */
export type ParsedReply = ParsedReplyV1 | { kind: 'unclear' };

const ACCEPT = new Set(['YES', 'NDIYO', 'NDIO']);
const DECLINE = new Set(['NO', 'HAPANA']);
/** Away for a number of days (Swahili: on leave), and back (Swahili: I am here). */
const AWAY = new Set(['AWAY', 'LIKIZO']);
const BACK = new Set(['BACK', 'NIPO']);

/** The longest absence a reply can set; longer leave goes through ops. */
export const MAX_AWAY_DAYS = 60;
const MAX_REASON_LENGTH = 200;

/** A keyword, then maybe a number, then anything; phone-keyboard punctuation separates like a space. */
const REPLY = /^\s*([a-z]+)[\s,.;:!?]*(\d+)?[\s,.;:!?]*(.*)$/is;

export function parseReply(text: string): ParsedReply {
  const match = REPLY.exec(text);
  if (!match) return { kind: 'unclear' };
  const keyword = match[1]!.toUpperCase();
  const number = match[2];
  const rest = match[3]!.trim().replace(/\s+/g, ' ');
  if (ACCEPT.has(keyword) || DECLINE.has(keyword)) {
    // A number that is not 4 digits is a mistyped code: answering the wrong offer would be worse than asking.
    if (number !== undefined && number.length !== 4) return { kind: 'unclear' };
    return {
      kind: 'answer',
      response: ACCEPT.has(keyword) ? 'accept' : 'decline',
      ...(number ? { code: number } : {}),
      ...(rest ? { reason: rest.slice(0, MAX_REASON_LENGTH) } : {}),
    };
  }
  if (AWAY.has(keyword) && number !== undefined && !rest) {
    const days = Number(number);
    return days >= 1 && days <= MAX_AWAY_DAYS ? { kind: 'away', days } : { kind: 'unclear' };
  }
  if (BACK.has(keyword) && number === undefined && !rest) return { kind: 'back' };
  return { kind: 'unclear' };
}
