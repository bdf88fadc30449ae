import { KillSwitch } from '@parley/control';
import type { ServiceDefinition } from '@parley/runtime';
import type { GateConfig } from './config.js';
import { gateCatalog } from './consumers.js';
import { createGateMetrics } from './events.js';

export function buildService(
  config: GateConfig,
  overrides: Partial<ServiceDefinition> = {},
): ServiceDefinition {
  let killSwitch: KillSwitch | undefined;
  return {
    name: 'gate',
    port: config.port,
    platform: config.platform,
    async catalog(platform) {
      killSwitch = new KillSwitch({
        nc: platform.nc,
        prefix: platform.config.busPrefix,
        onInvalid: (problem) => platform.log.warn({ problem }, 'ignoring an invalid kill switch value'),
      });
      await killSwitch.start();
      const ks = killSwitch;
      return gateCatalog({
        policy: config.policy,
        mode: () => ks.mode(),
        metrics: createGateMetrics(platform.registry),
      });
    },
    // Operators (and tests) can see which mode this process is enforcing right now.
    setup(_platform, app) {
      const access = {
        public: 'the mode in force is operational status, like /readyz; changing it needs NATS',
      };
      app.get('/v1/kill-switch', { config: { access } }, async () => ({
        mode: killSwitch?.mode() ?? 'auto',
        state: killSwitch?.state() ?? null,
      }));
    },
    checks: { killSwitch: () => killSwitch !== undefined },
    onStop: async () => {
      await killSwitch?.stop();
    },
    ...overrides,
  };
}
