import type { ServiceDefinition } from '@parley/runtime';
import type { Composer } from './compose/composer.js';
import { LocalComposer } from './compose/local/local-composer.js';
import type { ResolverConfig } from './config.js';
import { resolverCatalog } from './consumers.js';
import { createResolverMetrics } from './events.js';

/** The seam for hosted tiers: pick a Composer from config (only the local one is wired today). */
export function composerFor(config: ResolverConfig): Composer {
  switch (config.composer) {
    case 'local':
      return new LocalComposer({ retrievalFloor: config.retrievalFloor });
  }
}

export function buildService(
  config: ResolverConfig,
  overrides: Partial<ServiceDefinition> & { composer?: Composer } = {},
): ServiceDefinition {
  const { composer = composerFor(config), ...rest } = overrides;
  return {
    name: 'resolver',
    port: config.port,
    platform: config.platform,
    catalog: (platform) => resolverCatalog({ composer, metrics: createResolverMetrics(platform.registry) }),
    ...rest,
  };
}
