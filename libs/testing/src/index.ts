export * from './eventually';
export * from './unique-names';
export * from './env';
export type { TestInfrastructure } from './infrastructure';
export * from './service-process';
export * from './test-database';
export * from './topic-recorder';
export * from './fake-africastalking';
export * from './local-mailbox';
