import type { ServiceDefinition } from '@parley/runtime';
import type { ResolverConfig } from './config.js';
import { resolverCatalog } from './consumers.js';
import type { ResolverDeps, ResolverOverrides } from './context.js';
import { buildContext } from './context.js';

/** The resolver: composes a grounded draft (or none, and why) for each retrieved turn. */
export function buildService(
  config: ResolverConfig,
  overrides: ResolverOverrides = {},
): ServiceDefinition<ResolverDeps> {
  return {
    name: 'resolver',
    port: config.port,
    platform: config.platform,
    context: (platform) => buildContext(config, platform, overrides),
    catalog: resolverCatalog,
  };
}
