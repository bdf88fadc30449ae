import { KillSwitch } from '@parley/control';
import type { Platform, ServiceContext } from '@parley/runtime';
import { buildWith } from '@parley/runtime';
import type { GateConfig } from './config.js';
import type { GateMetrics } from './events.js';
import { createGateMetrics } from './events.js';
import type { TurnDeps } from './turn.js';

/** What the gate's handlers and routes use, built once at start-up. */
export interface GateDeps extends TurnDeps {
  /** Watched: the mode in force is read at each decision's commit. */
  killSwitch: KillSwitch;
  metrics: GateMetrics;
}

/** The gate has nothing to swap in tests: its decisions run on the real kill switch and policy. */
export type GateOverrides = Record<string, never>;

export function buildContext(
  config: GateConfig,
  platform: Platform,
  _overrides: GateOverrides = {},
): Promise<ServiceContext<GateDeps>> {
  return buildWith(async (resources) => {
    const killSwitch = new KillSwitch({
      nc: platform.nc,
      prefix: platform.config.busPrefix,
      onInvalid: (problem) => platform.log.warn({ problem }, 'ignoring an invalid kill switch value'),
    });
    await killSwitch.start();
    resources.own(killSwitch, (ks) => ks.stop());
    return {
      deps: {
        policy: config.policy,
        killSwitch,
        mode: () => killSwitch.mode(),
        metrics: createGateMetrics(platform.registry),
      },
      // The server listens only once the kill switch is watched, so it needs no check of its own.
      checks: {},
    };
  });
}
