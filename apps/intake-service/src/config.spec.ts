import { randomBytes } from 'node:crypto';
import { TEST_AUDIT_ENV, TEST_SERVICE_TOKEN_KEYS } from '@haki/testing';
import { ConfigError, loadConfig } from '@haki/platform-config';
import { intakeConfigSchema } from './config';

const env = {
  KAFKA_BROKERS: '127.0.0.1:9092',
  KAFKA_USERNAME: 'intake-service',
  KAFKA_PASSWORD: 'test-password',
  MONGO_URL: 'mongodb://127.0.0.1:27017',
  MONGO_DB: 'haki_intake',
  REDIS_URL: 'redis://127.0.0.1:6379',
  CONTACT_KEYS: `c1:${randomBytes(32).toString('base64')}`,
  CONTACT_ACTIVE_KEY_ID: 'c1',
  SERVICE_TOKEN_VERIFY_KEYS: TEST_SERVICE_TOKEN_KEYS.verifyKey,
  ...TEST_AUDIT_ENV,
  PII_KEYS: `k1:${randomBytes(32).toString('base64')},k2:${randomBytes(32).toString('base64')}`,
};

describe('intake config', () => {
  it('reads the PII keys and the active key id', () => {
    const config = loadConfig(intakeConfigSchema, { ...env, PII_ACTIVE_KEY_ID: 'k2' });
    expect([...config.PII_KEYS.keys()]).toEqual(['k1', 'k2']);
    expect(config.PII_ACTIVE_KEY_ID).toBe('k2');
  });

  it('refuses an active key id that is not among the keys, naming the variable', () => {
    const error = (() => {
      try {
        return loadConfig(intakeConfigSchema, { ...env, PII_ACTIVE_KEY_ID: 'k9' });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([{ variable: 'PII_ACTIVE_KEY_ID', reason: 'must be one of the key ids in PII_KEYS' }]);
    expect((error as ConfigError).code).toBe('CONFIG.INVALID');
  });

  it('leaves USSD intake off without a secret, and refuses a short one (it is the callback credential)', () => {
    expect(loadConfig(intakeConfigSchema, { ...env, PII_ACTIVE_KEY_ID: 'k1' }).USSD_WEBHOOK_SECRET).toBeUndefined();
    expect(() => loadConfig(intakeConfigSchema, { ...env, PII_ACTIVE_KEY_ID: 'k1', USSD_WEBHOOK_SECRET: 'short' })).toThrow(
      /USSD_WEBHOOK_SECRET: must be at least 24 characters/,
    );
  });
});
