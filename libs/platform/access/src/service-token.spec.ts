import { SignJWT, UnsecuredJWT } from 'jose';
import { generateServiceTokenKeyPair, parseSigningKey, parseVerifyKeys, ServiceTokenIssuer, ServiceTokenVerifier } from './service-token';

const gateway = generateServiceTokenKeyPair('gw1');
const issuer = new ServiceTokenIssuer(parseSigningKey(gateway.signingKey));
const verifier = new ServiceTokenVerifier(parseVerifyKeys(gateway.verifyKey), 'case-service');
const signingKey = parseSigningKey(gateway.signingKey).key;

const unauthenticated = { code: 'ACCESS.UNAUTHENTICATED' };

describe('service tokens', () => {
  it('carry the principal from the gateway to a service', async () => {
    const principal = { subject: 'wanjiru', roles: ['intake' as const], organisationId: 'org-lodwar-parish' };
    await expect(verifier.verify(await issuer.issue(principal, 'case-service'))).resolves.toEqual(principal);
  });

  it('are refused by every service but the one they were issued for', async () => {
    const forIntake = await issuer.issue({ subject: 'ops1', roles: ['ops'] }, 'intake-service');
    await expect(verifier.verify(forIntake)).rejects.toMatchObject(unauthenticated);
    const forAll = await issuer.issue({ subject: 'load-run', roles: ['supervisor'] }, ['intake-service', 'case-service']);
    await expect(verifier.verify(forAll)).resolves.toMatchObject({ subject: 'load-run' });
  });

  it('are refused when signed by another key, even one with the same key id', async () => {
    const impostor = new ServiceTokenIssuer(parseSigningKey(generateServiceTokenKeyPair('gw1').signingKey));
    await expect(verifier.verify(await impostor.issue({ subject: 'x', roles: ['admin'] }, 'case-service'))).rejects.toMatchObject(
      unauthenticated,
    );
  });

  it('are refused when altered, unsigned, expired, for another audience or with a role nobody has', async () => {
    const token = await issuer.issue({ subject: 'ops1', roles: ['ops'] }, 'case-service');
    const [header, payload, signature] = token.split('.');
    const promoted = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), roles: ['admin'] }),
    ).toString('base64url');
    const signed = (claims: Record<string, unknown>, edit: (jwt: SignJWT) => SignJWT) =>
      edit(new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', kid: 'gw1' }).setSubject('ops1').setIssuedAt()).sign(signingKey);
    const cases = [
      `${header}.${promoted}.${signature}`,
      new UnsecuredJWT({ roles: ['admin'] }).setSubject('x').setIssuer('haki-gateway').setAudience('case-service').encode(),
      await signed({ roles: ['ops'] }, (jwt) => jwt.setIssuer('haki-gateway').setAudience('case-service').setExpirationTime('-1m')),
      await signed({ roles: ['ops'] }, (jwt) => jwt.setIssuer('haki-gateway').setAudience('elsewhere').setExpirationTime('1m')),
      await signed({ roles: ['root'] }, (jwt) => jwt.setIssuer('haki-gateway').setAudience('case-service').setExpirationTime('1m')),
      'not-a-token',
    ];
    for (const bad of cases) await expect(verifier.verify(bad)).rejects.toMatchObject(unauthenticated);
  });

  it('keys are checked at boot: a public key where the private one belongs is refused', () => {
    expect(() => parseSigningKey(gateway.verifyKey)).toThrow();
    expect(() => parseVerifyKeys('')).toThrow(/no service token verify key/);
    expect(parseVerifyKeys(`${gateway.verifyKey},${generateServiceTokenKeyPair('gw2').verifyKey}`).size).toBe(2);
  });
});
