import type { Store } from '@parley/commerce';
import { PostgresStore } from '@parley/commerce';
import type { ServiceDefinition } from '@parley/runtime';
import type { ActionsConfig } from './config.js';
import { actionsCatalog } from './consumers.js';
import { createActionsMetrics } from './events.js';

export interface ActionsOverrides {
  /** Another back end than the demo store in Postgres (tests, a commerce adapter). */
  store?: Store;
  /** Run migrations at start-up (default: the platform's RUN_MIGRATIONS). */
  migrate?: boolean;
  logDestination?: NodeJS.WritableStream;
}

/** The actions service: executes authorised actions against the store, once each, and tells the customer. */
export function buildService(config: ActionsConfig, overrides: ActionsOverrides = {}): ServiceDefinition {
  return {
    name: 'actions',
    port: config.port,
    platform: config.platform,
    ...(overrides.migrate !== undefined ? { migrate: overrides.migrate } : {}),
    ...(overrides.logDestination ? { logDestination: overrides.logDestination } : {}),
    catalog: (platform) =>
      actionsCatalog(
        {
          store: overrides.store ?? new PostgresStore(platform.db.db),
          metrics: createActionsMetrics(platform.registry),
        },
        config.concurrency,
      ),
  };
}
