import { MAX_AWAY_DAYS, parseReply, type ParsedReply } from './reply-grammar';

describe('the SMS reply grammar', () => {
  it.each<[string, ParsedReply]>([
    ['YES 6842', { kind: 'answer', response: 'accept', code: '6842' }],
    ['yes 6842', { kind: 'answer', response: 'accept', code: '6842' }],
    ['  Yes,   6842. ', { kind: 'answer', response: 'accept', code: '6842' }],
    ['YES6842', { kind: 'answer', response: 'accept', code: '6842' }],
    ['NDIYO 6842', { kind: 'answer', response: 'accept', code: '6842' }],
    ['ndio 0042', { kind: 'answer', response: 'accept', code: '0042' }],
    ['NO 6842', { kind: 'answer', response: 'decline', code: '6842' }],
    ['NO 6842 busy', { kind: 'answer', response: 'decline', code: '6842', reason: 'busy' }],
    ['no 6842   in court\ntill Friday', { kind: 'answer', response: 'decline', code: '6842', reason: 'in court till Friday' }],
    ['HAPANA 6842', { kind: 'answer', response: 'decline', code: '6842' }],
    ['hapana 6842 niko mbali', { kind: 'answer', response: 'decline', code: '6842', reason: 'niko mbali' }],
    ['YES', { kind: 'answer', response: 'accept' }],
    ['no, sorry', { kind: 'answer', response: 'decline', reason: 'sorry' }],
    ['AWAY 3', { kind: 'away', days: 3 }],
    ['likizo 14', { kind: 'away', days: 14 }],
    ['BACK', { kind: 'back' }],
    ['nipo', { kind: 'back' }],
  ])('%j', (text, parsed) => expect(parseReply(text)).toEqual(parsed));

  it.each([
    '',
    '   ',
    'hello',
    '6842',
    'YES 684', // a mistyped code must not answer some other offer
    'NO 68421',
    'AWAY',
    'AWAY soon',
    `AWAY ${MAX_AWAY_DAYS + 1}`,
    'AWAY 0',
    'BACK 3',
    'MAYBE 6842',
  ])('%j is unclear', (text) => expect(parseReply(text)).toEqual({ kind: 'unclear' }));

  it('keeps a long reason readable for ops, cut at 200 characters', () => {
    const parsed = parseReply(`NO 6842 ${'x'.repeat(300)}`);
    expect(parsed).toMatchObject({ kind: 'answer', response: 'decline', code: '6842' });
    expect((parsed as { reason: string }).reason).toHaveLength(200);
  });
});
