export { ConfigError, env, readEnv } from './env.js';
export type { EnvSource } from './env.js';
export { platformEnv, readPlatformConfig } from './base.js';
export type { PlatformConfig } from './base.js';
