import { SegmentedMessage } from 'sms-segments-calculator';
import { MESSAGE_LANGUAGES } from '../send-offer/offer-message';
import type { ReplyAnswer } from './reply-message.model';
import { replyText } from './reply-text';

const answers: ReplyAnswer[] = [
  { outcome: 'unclear' },
  { outcome: 'no-open-offer', codes: ['6842'] },
  { outcome: 'no-open-offer', codes: [] },
  { outcome: 'several-open-offers', codes: ['1111', '2222'] },
  { outcome: 'several-open-offers', codes: Array.from({ length: 20 }, (_, i) => String(1000 + i)) },
  { outcome: 'answer-recorded', response: 'decline', codes: ['6842'] },
  { outcome: 'away-set', codes: [], backOn: '2026-12-05' },
  { outcome: 'back-set', codes: [] },
];

describe('messages back to a volunteer who texted', () => {
  it('say what became of the reply, naming only codes', () => {
    expect(replyText({ outcome: 'no-open-offer', codes: ['6842'] })).toContain('no open request of yours has ref 6842');
    expect(replyText({ outcome: 'several-open-offers', codes: ['1111', '2222'] })).toBe(
      'Haki: you have 2 open requests (1111, 2222). Reply YES or NO with the code, e.g. YES 1111.',
    );
    expect(replyText({ outcome: 'answer-recorded', response: 'decline', codes: ['6842'] }, 'sw')).toBe(
      'Haki: asante, HAPANA yako kwa kumb 6842 imerekodiwa.',
    );
    expect(replyText({ outcome: 'away-set', codes: [], backOn: '2026-12-05' })).toContain('away until 2026-12-05');
  });

  it('list at most four codes to choose from', () => {
    const text = replyText({ outcome: 'several-open-offers', codes: ['1111', '2222', '3333', '4444', '5555'] })!;
    expect(text).toContain('5 open requests (1111, 2222, 3333, 4444, ...)');
    expect(text).not.toContain('5555');
  });

  it('say nothing to an acceptance: its confirmation (or cancellation) answers it', () => {
    expect(replyText({ outcome: 'answer-recorded', response: 'accept', codes: ['6842'] })).toBeUndefined();
  });

  it('each fit one GSM-7 segment in every language', () => {
    const texts = MESSAGE_LANGUAGES.flatMap((language) => answers.map((answer) => replyText(answer, language)!));
    const over = texts.filter((text) => {
      const segmented = new SegmentedMessage(text);
      return segmented.encodingName !== 'GSM-7' || segmented.segmentsCount !== 1;
    });
    expect(over).toEqual([]);
    expect(texts).toHaveLength(16);
  });
});
