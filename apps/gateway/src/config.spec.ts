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
});
