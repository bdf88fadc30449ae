import type { Store } from '@parley/commerce';
import { PostgresStore } from '@parley/commerce';
import type { Platform, ServiceContext } from '@parley/runtime';
import { buildWith } from '@parley/runtime';
import type { ActionsConfig } from './config.js';
import type { ActionsMetrics } from './events.js';
import { createActionsMetrics } from './events.js';

/** What the actions service's handlers use, built once at start-up. */
export interface ActionsDeps {
  store: Store;
  metrics: ActionsMetrics;
}

export interface ActionsOverrides {
  /** Another back end than the demo store in Postgres (tests, a commerce adapter). */
  store?: Store;
}

export function buildContext(
  _config: ActionsConfig,
  platform: Platform,
  overrides: ActionsOverrides = {},
): Promise<ServiceContext<ActionsDeps>> {
  return buildWith(async () => ({
    deps: {
      store: overrides.store ?? new PostgresStore(platform.db.db),
      metrics: createActionsMetrics(platform.registry),
    },
    checks: {},
  }));
}
