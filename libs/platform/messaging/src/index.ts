export * from './kafka';
export * from './event-publisher';
export * from './event-consumer';
export * from './processed-events';
export * from './outbox';
export * from './nest-kafka-transport';
export * from './kafka-access';
export * from './consumer-lag';
