export * from './tokens';
export * from './fault-injector';
export * from './mongo';
export * from './redis';
export * from './health';
export * from './service-runtime';
export * from './platform.module';
export * from './bootstrap';
