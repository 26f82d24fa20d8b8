import { randomBytes } from 'node:crypto';
import { Sealer } from './sealer';

const k1 = randomBytes(32);
const k2 = randomBytes(32);

describe('Sealer', () => {
  const survivor = { name: 'Achieng Otieno', phone: '+254711000111' };

  it('round-trips a value and stores no plaintext', () => {
    const sealer = new Sealer(new Map([['k1', k1]]), 'k1');
    const sealed = sealer.seal(survivor, 'ref-1');
    expect(JSON.stringify(sealed)).not.toContain('Achieng');
    expect(sealed.kid).toBe('k1');
    expect(sealer.open(sealed, 'ref-1')).toEqual(survivor);
  });

  it('keeps old values readable after the active key rotates', () => {
    const before = new Sealer(new Map([['k1', k1]]), 'k1').seal(survivor, 'ref-1');
    const rotated = new Sealer(
      new Map([
        ['k1', k1],
        ['k2', k2],
      ]),
      'k2',
    );
    expect(rotated.open(before, 'ref-1')).toEqual(survivor);
    expect(rotated.seal(survivor, 'ref-1').kid).toBe('k2');
  });

  it('refuses a value moved to another referral or tampered with', () => {
    const sealer = new Sealer(new Map([['k1', k1]]), 'k1');
    const sealed = sealer.seal(survivor, 'ref-1');
    expect(() => sealer.open(sealed, 'ref-2')).toThrow();
    const flipped = Buffer.from(sealed.data, 'base64');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => sealer.open({ ...sealed, data: flipped.toString('base64') }, 'ref-1')).toThrow();
  });

  it('names an unknown key id', () => {
    const sealed = new Sealer(new Map([['old', k1]]), 'old').seal(survivor, 'ref-1');
    expect(() => new Sealer(new Map([['k2', k2]]), 'k2').open(sealed, 'ref-1')).toThrow(/no key old/);
  });
});
