import type { EnvSource, PlatformConfig } from '@parley/config';
import { env, readEnv, readPlatformConfig } from '@parley/config';

export const actionsEnv = {
  ACTIONS_PORT: env.port(8086),
  /** Authorised actions executed at once by one process. */
  ACTIONS_CONCURRENCY: env.int({ default: 4, min: 1, max: 64 }),
};

export interface ActionsConfig {
  port: number;
  concurrency: number;
  platform: PlatformConfig;
}

export function readServiceConfig(source: EnvSource): ActionsConfig {
  const e = readEnv(actionsEnv, source);
  return { port: e.ACTIONS_PORT, concurrency: e.ACTIONS_CONCURRENCY, platform: readPlatformConfig(source) };
}
