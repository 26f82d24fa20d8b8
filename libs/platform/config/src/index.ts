export * from './load-config';
export * from './schemas';
export * from './sealer';
export * from './signed-links';
export * from './reseal';
