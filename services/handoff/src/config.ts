import type { EnvSource, PlatformConfig } from '@parley/config';
import { ConfigError, env, readEnv, readPlatformConfig } from '@parley/config';
import type { SlaPolicy } from './inbox/sla.js';
import { parseSlaMinutes } from './inbox/sla.js';

export const handoffEnv = {
  HANDOFF_PORT: env.port(8085),
  /** Comma separated bearer keys for local use and tests; production keys live hashed in api_keys. */
  HANDOFF_AGENT_KEYS: env.list(),
  HANDOFF_SLA_MINUTES: env.string({ default: 'urgent=15,high=60,normal=240,low=1440' }),
  HANDOFF_SLA_RESOLUTION_FACTOR: env.int({ default: 6, min: 1, max: 100 }),
  /** How often open items are checked against their SLA; 0 turns the timer off. */
  HANDOFF_SLA_CHECK_MS: env.int({ default: 30_000, min: 0, max: 3_600_000 }),
};

export interface HandoffConfig {
  port: number;
  platform: PlatformConfig;
  agentKeys: string[];
  sla: SlaPolicy;
  slaCheckMs: number;
}

export function readServiceConfig(source: EnvSource): HandoffConfig {
  const e = readEnv(handoffEnv, source);
  let firstResponseMinutes;
  try {
    firstResponseMinutes = parseSlaMinutes(e.HANDOFF_SLA_MINUTES);
  } catch (err) {
    throw new ConfigError([`HANDOFF_SLA_MINUTES: ${(err as Error).message}`]);
  }
  return {
    port: e.HANDOFF_PORT,
    platform: readPlatformConfig(source),
    agentKeys: e.HANDOFF_AGENT_KEYS,
    sla: { firstResponseMinutes, resolutionFactor: e.HANDOFF_SLA_RESOLUTION_FACTOR },
    slaCheckMs: e.HANDOFF_SLA_CHECK_MS,
  };
}
