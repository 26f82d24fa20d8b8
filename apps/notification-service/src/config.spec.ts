import { randomBytes } from 'node:crypto';
import { TEST_AUDIT_ENV, TEST_SERVICE_TOKEN_KEYS } from '@haki/testing';
import { ConfigError, loadConfig } from '@haki/platform-config';
import { notificationConfigSchema } from './config';

const env = {
  KAFKA_BROKERS: '127.0.0.1:9092',
  KAFKA_USERNAME: 'intake-service',
  KAFKA_PASSWORD: 'test-password',
  MONGO_URL: 'mongodb://127.0.0.1:27017',
  MONGO_DB: 'haki_notification',
  SERVICE_TOKEN_VERIFY_KEYS: TEST_SERVICE_TOKEN_KEYS.verifyKey,
  ...TEST_AUDIT_ENV,
  REDIS_URL: 'redis://127.0.0.1:6379',
  CONTACT_KEYS: `k1:${randomBytes(32).toString('base64')}`,
  CONTACT_ACTIVE_KEY_ID: 'k1',
};

describe('notification config', () => {
  it("refuses Africa's Talking without its account and key, naming each variable", () => {
    expect(() => loadConfig(notificationConfigSchema, { ...env, SMS_PROVIDER: 'africastalking' })).toThrow(
      expect.objectContaining({
        constructor: ConfigError,
        problems: [
          { variable: 'AT_USERNAME', reason: 'required when africastalking is a provider' },
          { variable: 'AT_API_KEY', reason: 'required when africastalking is a provider' },
        ],
      }),
    );
  });

  it("takes Africa's Talking with them, on its live API host unless told otherwise", () => {
    const config = loadConfig(notificationConfigSchema, { ...env, SMS_PROVIDER: 'africastalking', AT_USERNAME: 'haki', AT_API_KEY: 'key' });
    expect(config).toMatchObject({ SMS_PROVIDER: 'africastalking', AT_BASE_URL: 'https://api.africastalking.com', SMS_TIMEOUT_MS: 10_000 });
  });

  it('refuses a fallback that is the primary, and a webhook secret too short to guess hard', () => {
    expect(() => loadConfig(notificationConfigSchema, { ...env, SMS_FALLBACK_PROVIDER: 'recording', AT_WEBHOOK_SECRET: 'short' })).toThrow(
      expect.objectContaining({
        problems: [
          { variable: 'AT_WEBHOOK_SECRET', reason: 'must be at least 24 letters, digits, "-" or "_"' },
          { variable: 'SMS_FALLBACK_PROVIDER', reason: 'must differ from SMS_PROVIDER' },
        ],
      }),
    );
  });
});
