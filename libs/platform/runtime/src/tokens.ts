/** Injection tokens for the platform's shared clients. */
export const LOGGER = Symbol('LOGGER');
export const MONGO = Symbol('MONGO');
export const KAFKA = Symbol('KAFKA');
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
export const HEALTH_CHECKS = Symbol('HEALTH_CHECKS');
export const LIVENESS_CHECKS = Symbol('LIVENESS_CHECKS');
export const SERVICE_RUNTIME = Symbol('SERVICE_RUNTIME');
