export { ConfigError, env, readEnv } from './env.js';
export type { EnvSource } from './env.js';
export { platformEnv, readPlatformConfig } from './base.js';
export type { PlatformConfig } from './base.js';
export { NATS_AUTH_VARIABLES, natsAuthEnv, readNatsAuth } from './nats-auth.js';
export type { NatsAuth } from './nats-auth.js';
