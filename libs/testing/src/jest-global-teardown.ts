import type { TestInfrastructure } from './infrastructure';

export default async function globalTeardown(): Promise<void> {
  const infra = (globalThis as Record<string, unknown>)['__HAKI_TEST_INFRA__'] as TestInfrastructure | undefined;
  await infra?.stop();
}
