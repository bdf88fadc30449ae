import type { ServiceDefinition } from '@parley/runtime';
import type { RouterConfig } from './config.js';
import { routerCatalog } from './consumers.js';
import type { RouterDeps, RouterOverrides } from './context.js';
import { buildContext } from './context.js';

/** The router: classifies and routes each ticket.received (its classifier is built in `buildContext`). */
export function buildService(
  config: RouterConfig,
  overrides: RouterOverrides = {},
): ServiceDefinition<RouterDeps> {
  return {
    name: 'router',
    port: config.port,
    platform: config.platform,
    context: (platform) => buildContext(config, platform, overrides),
    catalog: (deps) => routerCatalog(deps, config.concurrency),
  };
}
