export * from './audit-chain';
export * from './audit-log';
export * from './verify-audit-log';
export * from './audit.interceptor';
export * from './audit-log.controller';
