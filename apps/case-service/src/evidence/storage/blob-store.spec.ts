import { HakiError } from '@haki/contracts';
import { assertValidBlobKey, evidenceBlobKey } from './blob-store';

describe('blob keys', () => {
  it.each(['case-1/ev-1', 'c_1.2/ev:3', 'a', 'a/b/c', 'C0FFEE/.hidden'])('accepts %s', (key) => {
    expect(() => assertValidBlobKey(key)).not.toThrow();
  });

  it.each([
    ['empty', ''],
    ['leading slash', '/case/ev'],
    ['trailing slash', 'case/ev/'],
    ['empty segment', 'case//ev'],
    ['parent segment', 'case/../other'],
    ['dot segment', 'case/./ev'],
    ['dots inside a segment', 'case/ev..1'],
    ['backslash', 'case\\ev'],
    ['space', 'case/ev 1'],
    ['non-ASCII', 'case/évidence'],
    ['NUL', 'case/ev\u0000'],
  ])('refuses a key with %s as a programming error', (_what, key) => {
    expect(() => assertValidBlobKey(key)).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
    expect(() => assertValidBlobKey(key)).toThrow(HakiError);
  });

  it('builds an evidence key from one segment per id and refuses an id that would add a level', () => {
    expect(evidenceBlobKey('case-7', 'ev-3')).toBe('case-7/ev-3');
    expect(() => evidenceBlobKey('case-7/other', 'ev-3')).toThrow(/case id/);
    expect(() => evidenceBlobKey('case-7', '..')).toThrow(/evidence id/);
  });
});
