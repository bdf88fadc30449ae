import type { ServiceDefinition } from '@parley/runtime';
import type { GateConfig } from './config.js';
import { gateCatalog } from './consumers.js';
import type { GateDeps, GateOverrides } from './context.js';
import { buildContext } from './context.js';
import { registerKillSwitchRoute } from './http/kill-switch.js';

/** The gate: decides each turn (auto-send, suggest, escalate) under the kill switch, and shows the mode in force. */
export function buildService(config: GateConfig, overrides: GateOverrides = {}): ServiceDefinition<GateDeps> {
  return {
    name: 'gate',
    port: config.port,
    platform: config.platform,
    context: (platform) => buildContext(config, platform, overrides),
    catalog: gateCatalog,
    routes: registerKillSwitchRoute,
  };
}
