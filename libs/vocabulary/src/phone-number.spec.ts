import { toE164 } from './phone-number';

describe('toE164', () => {
  it.each([
    ['+254712345678', '+254712345678'],
    ['0712 345 678', '+254712345678'],
    ['254712345678', '+254712345678'],
    ['+254 (712) 345-678', '+254712345678'],
    ['+1 415 555 2671', '+14155552671'],
  ])('reads %s as %s', (typed, expected) => {
    expect(toE164(typed)).toBe(expected);
  });

  it.each(['', 'not a number', '12', '+2547123456789012'])('refuses %j', (typed) => {
    expect(toE164(typed)).toBeUndefined();
  });
});
