import { randomBytes } from 'node:crypto';
import { codedErrorOf } from '@haki/testing';
import { LinkSigner } from './signed-links';

const keys = new Map([
  ['k1', randomBytes(32)],
  ['k2', randomBytes(32)],
]);
const inAnHour = () => new Date(Date.now() + 3_600_000);
const claims = { offerId: '0b7f0b86-6f6e-4a36-9c2b-1d1f2f3a4b5c:3', use: 'respond' as const };

const failure = codedErrorOf;

describe('signed links', () => {
  const signer = new LinkSigner(keys, 'k1');

  it('carry the offer, the use, an id and the expiry', async () => {
    const expiresAt = inAnHour();
    const token = await signer.sign(claims, expiresAt);
    const verified = await signer.verify(token, 'respond');
    expect(verified).toMatchObject({ ...claims, linkId: expect.stringMatching(/^[\w-]{12}$/) });
    expect(Math.abs(verified.expiresAt.getTime() - expiresAt.getTime())).toBeLessThan(1000);
    // Each link has its own id, so spending one leaves the others.
    expect((await signer.verify(await signer.sign(claims, expiresAt), 'respond')).linkId).not.toBe(verified.linkId);
  });

  it('stay under 200 characters, for an SMS', async () => {
    expect((await signer.sign({ ...claims, use: 'brief' }, inAnHour())).length).toBeLessThan(200);
  });

  it('refuse an altered token, another use, and an expired one, naming why', async () => {
    const token = await signer.sign(claims, inAnHour());
    const [header, payload, signature] = token.split('.');
    const otherOffer = Buffer.from(JSON.stringify({ o: 'other:1', u: 'r', jti: 'x', exp: 9e9 })).toString('base64url');
    const altered = `${header}.${otherOffer}.${signature}`;
    expect(await failure(signer.verify(altered, 'respond'))).toMatchObject({ code: 'LINK.INVALID' });
    expect(await failure(signer.verify(`${header}.${payload}`, 'respond'))).toMatchObject({ code: 'LINK.INVALID' });
    expect(await failure(signer.verify(token, 'brief'))).toMatchObject({ code: 'LINK.INVALID', message: 'this link is not for this page' });
    const expired = await signer.sign(claims, new Date(Date.now() - 60_000));
    expect(await failure(signer.verify(expired, 'respond'))).toMatchObject({ code: 'LINK.EXPIRED' });
  });

  it('still open after the active key rotates, and not with a key we do not hold', async () => {
    const token = await signer.sign(claims, inAnHour());
    expect(await new LinkSigner(keys, 'k2').verify(token, 'respond')).toMatchObject(claims);
    const stranger = new LinkSigner(new Map([['k1', randomBytes(32)]]), 'k1');
    expect(await failure(stranger.verify(token, 'respond'))).toMatchObject({ code: 'LINK.INVALID' });
    // A token signed with an all-zero key, or with no algorithm at all, is refused.
    const forged = await new LinkSigner(new Map([['k9', Buffer.alloc(32)]]), 'k9').sign(claims, inAnHour());
    expect(await failure(signer.verify(forged, 'respond'))).toMatchObject({ code: 'LINK.INVALID' });
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${token.split('.')[1]}.`;
    expect(await failure(signer.verify(unsigned, 'respond'))).toMatchObject({ code: 'LINK.INVALID' });
  });
});
