import { randomBytes } from 'node:crypto';
import { routeTable } from '@haki/platform-access';
import { PLATFORM_CONTROLLERS } from '@haki/platform-runtime';
import { checkAccessMatrix, testServiceEnv } from '@haki/testing';
import { IntakeModule } from './app.module';

describe('intake-service authorization matrix', () => {
  it('answers every route as its rule says, for every caller', async () => {
    const routes = routeTable(IntakeModule, PLATFORM_CONTROLLERS);
    const result = await checkAccessMatrix(
      'intake-service',
      routes,
      testServiceEnv('intake', { PII_KEYS: `k1:${randomBytes(32).toString('base64')}`, PII_ACTIVE_KEY_ID: 'k1' }),
    );
    expect(result.undeclared).toEqual([]);
    expect(result.violations).toEqual([]);
    expect(result.cells).toBe(routes.length * 9);
  });
});
