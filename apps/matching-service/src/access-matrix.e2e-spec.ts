import { routeTable } from '@haki/platform-access';
import { PLATFORM_CONTROLLERS } from '@haki/platform-runtime';
import { checkAccessMatrix, testServiceEnv } from '@haki/testing';
import { MatchingModule } from './app.module';

describe('matching-service authorization matrix', () => {
  it('answers every route as its rule says, for every caller', async () => {
    const routes = routeTable(MatchingModule, PLATFORM_CONTROLLERS);
    const result = await checkAccessMatrix('matching-service', routes, testServiceEnv('matching'));
    expect(result.undeclared).toEqual([]);
    expect(result.violations).toEqual([]);
    expect(result.cells).toBe(routes.length * 9);
  });
});
