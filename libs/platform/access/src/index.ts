export * from './roles';
export * from './principal';
export * from './service-token';
export * from './access-rules';
export * from './access.guard';
export * from './route-table';
export * from './operator';
