import { randomBytes } from 'node:crypto';
import { generateServiceTokenKeyPair } from '@haki/platform-access';
import { loadConfig } from '@haki/platform-config';
import { gatewayConfigSchema } from './config';

const env = {
  MONGO_URL: 'mongodb://127.0.0.1:27017',
  MONGO_DB: 'haki_gateway',
  REDIS_URL: 'redis://:pw@127.0.0.1:6379',
  INTAKE_URL: 'http://127.0.0.1:4001',
  MATCHING_URL: 'http://127.0.0.1:4002',
  NOTIFICATION_URL: 'http://127.0.0.1:4003',
  CASE_URL: 'http://127.0.0.1:4004',
  SERVICE_TOKEN_SIGNING_KEY: generateServiceTokenKeyPair('gw1').signingKey,
  ACCOUNT_KEYS: `a1:${randomBytes(32).toString('base64')}`,
  ACCOUNT_ACTIVE_KEY_ID: 'a1',
};

describe('gateway config', () => {
  it('reads TRUST_PROXY as a number of hops, or as addresses and subnets', () => {
    expect(loadConfig(gatewayConfigSchema, { ...env, TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(loadConfig(gatewayConfigSchema, { ...env, TRUST_PROXY: '10.0.0.0/8, loopback' }).TRUST_PROXY).toBe('10.0.0.0/8, loopback');
    expect(() => loadConfig(gatewayConfigSchema, { ...env, TRUST_PROXY: 'everyone!' })).toThrow(/TRUST_PROXY/);
  });

  it('is production unless told otherwise, with secure cookies and no demo accounts', () => {
    const config = loadConfig(gatewayConfigSchema, env);
    expect([config.HAKI_PROFILE, config.COOKIE_SECURE]).toEqual(['production', true]);
    expect(() => loadConfig(gatewayConfigSchema, { ...env, COOKIE_SECURE: 'false' })).toThrow(/COOKIE_SECURE/);
  });

  it('takes OpenID Connect whole, over https outside the demo, and sends people on only to its own paths', () => {
    const oidc = {
      OIDC_ISSUER: 'https://id.example.org/realms/haki',
      OIDC_CLIENT_ID: 'haki',
      OIDC_CLIENT_SECRET: 'secret',
      OIDC_REDIRECT_URL: 'https://haki.example.org/auth/oidc/callback',
    };
    expect(loadConfig(gatewayConfigSchema, { ...env, ...oidc })).toMatchObject({
      OIDC_SECOND_FACTOR_AMR: ['mfa'],
      OIDC_AFTER_SIGN_IN_PATH: '/',
    });
    expect(() => loadConfig(gatewayConfigSchema, { ...env, OIDC_ISSUER: oidc.OIDC_ISSUER })).toThrow(/OIDC_ISSUER: needs OIDC_CLIENT_ID/);
    expect(() => loadConfig(gatewayConfigSchema, { ...env, ...oidc, OIDC_ISSUER: 'http://id.example.org' })).toThrow(/must use https/);
    expect(() => loadConfig(gatewayConfigSchema, { ...env, ...oidc, OIDC_AFTER_SIGN_IN_PATH: '//evil.example' })).toThrow(
      /OIDC_AFTER_SIGN_IN_PATH: must be a path on this site/,
    );
    expect(loadConfig(gatewayConfigSchema, { ...env, ...oidc, OIDC_AFTER_SIGN_IN_PATH: '/app/cases' }).OIDC_AFTER_SIGN_IN_PATH).toBe(
      '/app/cases',
    );
  });
});
