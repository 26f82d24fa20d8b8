export * from './correlation';
export * from './logger';
export * from './http-log';
export * from './tracing';
