import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { TEST_AUDIT_ENV, TEST_SERVICE_TOKEN_KEYS } from '@haki/testing';
import { ConfigError, loadConfig } from './load-config';
import { env, redisConfigSchema, serviceConfigSchema } from './schemas';

const validEnv = {
  KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.1:9094',
  KAFKA_USERNAME: 'intake-service',
  KAFKA_PASSWORD: 'test-password',
  MONGO_URL: 'mongodb://127.0.0.1:27017',
  MONGO_DB: 'haki_intake',
  SERVICE_TOKEN_VERIFY_KEYS: TEST_SERVICE_TOKEN_KEYS.verifyKey,
  ...TEST_AUDIT_ENV,
};

describe('loadConfig', () => {
  it('turns env strings into typed values with defaults', () => {
    const config = loadConfig(serviceConfigSchema, validEnv);
    expect(config.PORT).toBe(3000);
    expect(config.KAFKA_BROKERS).toEqual(['127.0.0.1:9092', '127.0.0.1:9094']);
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.HOST).toBe('127.0.0.1'); // loopback unless a deployment opts in
    expect([...config.SERVICE_TOKEN_VERIFY_KEYS.keys()]).toEqual(['test']);
  });

  it('will not start a service without the gateway keys to check callers with', () => {
    const { SERVICE_TOKEN_VERIFY_KEYS: _keys, ...withoutKeys } = validEnv;
    expect(() => loadConfig(serviceConfigSchema, withoutKeys)).toThrow(/SERVICE_TOKEN_VERIFY_KEYS/);
  });

  it('will not start a service without its broker user, and takes only a PEM certificate as the broker CA', () => {
    const { KAFKA_USERNAME: _user, KAFKA_PASSWORD: _password, ...anonymous } = validEnv;
    expect(() => loadConfig(serviceConfigSchema, anonymous)).toThrow(/KAFKA_USERNAME(.|\n)*KAFKA_PASSWORD/);
    expect(() => loadConfig(serviceConfigSchema, { ...validEnv, KAFKA_TLS_CA: 'not a certificate' })).toThrow(
      /KAFKA_TLS_CA: must be a PEM certificate/,
    );
    expect(loadConfig(serviceConfigSchema, validEnv)).toMatchObject({ KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_TLS: false });
  });

  it('names every bad variable and why', () => {
    try {
      loadConfig(serviceConfigSchema, {
        ...validEnv,
        PORT: 'eighty',
        MONGO_URL: 'http://x',
        MONGO_DB: undefined,
        SERVICE_TOKEN_VERIFY_KEYS: 'gw1:bm90IGEga2V5',
      });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const variables = (error as ConfigError).problems.map((p) => p.variable).sort();
      expect(variables).toEqual(['MONGO_DB', 'MONGO_URL', 'PORT', 'SERVICE_TOKEN_VERIFY_KEYS']);
      expect((error as ConfigError).message).toMatch(/MONGO_URL: must be a URL starting with mongodb:\/\//);
    }
  });

  it('reads a secret from <NAME>_FILE, and refuses both forms at once or a file it cannot read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'haki-secret-'));
    writeFileSync(join(dir, 'mongo-url'), 'mongodb://user:secret@db:27017\n');
    const { MONGO_URL: _url, ...withoutUrl } = validEnv;
    const config = loadConfig(serviceConfigSchema, { ...withoutUrl, MONGO_URL_FILE: join(dir, 'mongo-url') });
    expect(config.MONGO_URL).toBe('mongodb://user:secret@db:27017');
    expect(() => loadConfig(serviceConfigSchema, { ...validEnv, MONGO_URL_FILE: join(dir, 'mongo-url') })).toThrow(
      /MONGO_URL_FILE: set MONGO_URL or/,
    );
    expect(() => loadConfig(serviceConfigSchema, { ...withoutUrl, MONGO_URL_FILE: join(dir, 'missing') })).toThrow(
      /MONGO_URL_FILE: cannot read .*ENOENT/,
    );
  });

  it('parses booleans strictly', () => {
    const schema = z.object({ FLAG: env.bool(false) });
    expect(loadConfig(schema, { FLAG: '1' }).FLAG).toBe(true);
    expect(loadConfig(schema, {}).FLAG).toBe(false);
    expect(() => loadConfig(schema, { FLAG: 'yes' })).toThrow(/FLAG/);
  });

  it('validates redis settings', () => {
    expect(() => loadConfig(redisConfigSchema, { REDIS_URL: 'localhost:6379' })).toThrow(/REDIS_URL/);
    expect(loadConfig(redisConfigSchema, { REDIS_URL: 'redis://127.0.0.1:6379' }).QUEUE_PREFIX).toBe('haki');
  });
});
