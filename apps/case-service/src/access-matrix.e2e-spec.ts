import { routeTable } from '@haki/platform-access';
import { PLATFORM_CONTROLLERS } from '@haki/platform-runtime';
import { checkAccessMatrix, testServiceEnv } from '@haki/testing';
import { CaseModule } from './app.module';

describe('case-service authorization matrix', () => {
  it('answers every route as its rule says, for every caller', async () => {
    const routes = routeTable(CaseModule, PLATFORM_CONTROLLERS);
    const result = await checkAccessMatrix('case-service', routes, testServiceEnv('case'));
    expect(result.undeclared).toEqual([]);
    expect(result.violations).toEqual([]);
    expect(result.cells).toBe(routes.length * 9);
  });
});
