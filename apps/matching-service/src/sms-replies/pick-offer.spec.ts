import { replyCode } from '@haki/contracts';
import { pickOffer } from './pick-offer';

const eldoret = { referralId: 'ref-1', offerId: 'ref-1:1' };
const kisumu = { referralId: 'ref-2', offerId: 'ref-2:4' };

describe('which offer an SMS reply answers', () => {
  it('is the open offer whose code it names', () => {
    expect(pickOffer([eldoret, kisumu], replyCode(kisumu.offerId))).toEqual({
      kind: 'offer',
      offer: kisumu,
      code: replyCode(kisumu.offerId),
    });
  });

  it('is none when no open offer has the code: closed, someone else’s, or mistyped', () => {
    const other = replyCode('ref-9:2');
    expect(pickOffer([eldoret], other)).toEqual({ kind: 'none', codes: [other] });
    expect(pickOffer([], other)).toEqual({ kind: 'none', codes: [other] });
  });

  it('is the only open offer when the code is left out', () => {
    expect(pickOffer([eldoret], undefined)).toMatchObject({ kind: 'offer', offer: eldoret });
  });

  it('is not guessed between several open offers without a code: their codes are listed', () => {
    expect(pickOffer([eldoret, kisumu], undefined)).toEqual({
      kind: 'several',
      codes: [replyCode(eldoret.offerId), replyCode(kisumu.offerId)],
    });
    expect(pickOffer([], undefined)).toEqual({ kind: 'none', codes: [] });
  });

  it('is not guessed when two open offers share the code', () => {
    const code = replyCode(eldoret.offerId);
    // Find another offer id with the same code (1 in 10,000), to show the tie is refused.
    const twin = Array.from({ length: 200_000 }, (_, n) => `ref-t:${n}`).find((id) => replyCode(id) === code)!;
    expect(pickOffer([eldoret, { referralId: 'ref-t', offerId: twin }], code)).toEqual({ kind: 'several', codes: [code] });
  });
});
