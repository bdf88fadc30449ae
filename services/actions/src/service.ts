import type { ServiceDefinition } from '@parley/runtime';
import type { ActionsConfig } from './config.js';
import { actionsCatalog } from './consumers.js';
import type { ActionsDeps, ActionsOverrides } from './context.js';
import { buildContext } from './context.js';

/** The actions service: executes authorised actions against the store, once each, and tells the customer. */
export function buildService(
  config: ActionsConfig,
  overrides: ActionsOverrides = {},
): ServiceDefinition<ActionsDeps> {
  return {
    name: 'actions',
    port: config.port,
    platform: config.platform,
    context: (platform) => buildContext(config, platform, overrides),
    catalog: (deps) => actionsCatalog(deps, config.concurrency),
  };
}
