/** Injection tokens of the gateway's clients. */
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
export const GATEWAY_REDIS = Symbol('GATEWAY_REDIS');
export const GATEWAY_MONGO = Symbol('GATEWAY_MONGO');
export const GATEWAY_LOGGER = Symbol('GATEWAY_LOGGER');
export const SIGN_IN = Symbol('SIGN_IN');
export const ACCOUNTS = Symbol('ACCOUNTS');
