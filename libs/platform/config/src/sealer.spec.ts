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

  it('refuses a shortened authentication tag, which GCM would otherwise check on only those bytes', () => {
    const sealer = new Sealer(new Map([['k1', k1]]), 'k1');
    const sealed = sealer.seal(survivor, 'ref-1');
    const short = { ...sealed, tag: Buffer.from(sealed.tag, 'base64').subarray(0, 4).toString('base64') };
    expect(() => sealer.open(short, 'ref-1')).toThrow(expect.objectContaining({ code: 'SEALED.INVALID' }));
  });

  it('fingerprints a value by its content, not its key order, with a key: no bare hash to confirm a guess', () => {
    const sealer = new Sealer(new Map([['k1', k1]]), 'k1');
    const print = sealer.fingerprint({ subject: { name: 'Achieng', age: 24 }, urgency: 'critical' });
    expect(print).toMatch(/^k1:[0-9a-f]{64}$/);
    expect(sealer.fingerprint({ urgency: 'critical', subject: { age: 24, name: 'Achieng' } })).toBe(print);
    expect(sealer.fingerprint({ urgency: 'critical', subject: { age: 25, name: 'Achieng' } })).not.toBe(print);
    expect(new Sealer(new Map([['k1', k2]]), 'k1').fingerprint({ subject: { name: 'Achieng', age: 24 }, urgency: 'critical' })).not.toBe(
      print,
    );
    // After rotation the old fingerprint is still checked with the key it names.
    expect(
      new Sealer(
        new Map([
          ['k1', k1],
          ['k2', k2],
        ]),
        'k2',
      ).fingerprint({ urgency: 'critical', subject: { name: 'Achieng', age: 24 } }, 'k1'),
    ).toBe(print);
  });

  it('names an unknown key id', () => {
    const sealed = new Sealer(new Map([['old', k1]]), 'old').seal(survivor, 'ref-1');
    expect(() => new Sealer(new Map([['k2', k2]]), 'k2').open(sealed, 'ref-1')).toThrow(/no key old/);
  });
});
