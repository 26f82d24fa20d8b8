import { routeTable } from '@haki/platform-access';
import { PLATFORM_CONTROLLERS } from '@haki/platform-runtime';
import { checkAccessMatrix, testServiceEnv } from '@haki/testing';
import { NotificationModule } from './app.module';

describe('notification-service authorization matrix', () => {
  it('answers every route as its rule says, for every caller', async () => {
    const routes = routeTable(NotificationModule, PLATFORM_CONTROLLERS);
    const result = await checkAccessMatrix('notification-service', routes, testServiceEnv('notification'));
    expect(result.undeclared).toEqual([]);
    expect(result.violations).toEqual([]);
    expect(result.cells).toBe(routes.length * 9);
  });
});
