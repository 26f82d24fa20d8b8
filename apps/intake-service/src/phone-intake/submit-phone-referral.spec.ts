import { newReference } from './submit-phone-referral.use-case';

describe('phone referral references', () => {
  it('are HK- and six characters nobody misreads, well within the 20 the USSD and SMS confirmations have room for', () => {
    const drawn = Array.from({ length: 2000 }, newReference);
    for (const reference of drawn) expect(reference).toMatch(/^HK-[346789ABCDEFGHJKMNPQRTUVWXY]{6}$/);
    expect(new Set(drawn).size).toBeGreaterThan(1990); // 387 million of them: repeats are rare
  });
});
