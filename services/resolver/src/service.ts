import { createChatModel } from '@parley/providers';
import type { ServiceDefinition } from '@parley/runtime';
import type { Composer } from './compose/composer.js';
import { HostedComposer } from './compose/hosted/hosted-composer.js';
import type { WordWeight } from './compose/local/answer.js';
import { LocalComposer } from './compose/local/local-composer.js';
import { loadWordWeight } from './compose/local/word-weight.js';
import type { HostedComposerConfig, ResolverConfig } from './config.js';
import { resolverCatalog } from './consumers.js';
import { createResolverMetrics } from './events.js';

/**
 * Picks the Composer from config: the local one, or a hosted provider in front of it. Without `wordWeight`
 * every question word counts alike when help-centre sections are matched (the service loads the weights).
 */
export function composerFor(config: ResolverConfig, deps: { wordWeight?: WordWeight } = {}): Composer {
  const local = new LocalComposer({ retrievalFloor: config.retrievalFloor, ...deps });
  return config.hosted ? hostedComposer(config.hosted, local) : local;
}

function hostedComposer(hosted: HostedComposerConfig, local: Composer): Composer {
  const modelFor = (model: string) =>
    createChatModel({
      provider: hosted.provider,
      model,
      apiKey: hosted.apiKey,
      baseUrl: hosted.baseUrl,
      timeoutMs: hosted.timeoutMs,
      // The local composer is the retry: SDK retries with backoff would spend the deadline waiting.
      maxRetries: 0,
    });
  const commodity = modelFor(hosted.models.commodity);
  const frontier =
    hosted.models.frontier === hosted.models.commodity ? commodity : modelFor(hosted.models.frontier);
  return new HostedComposer({ models: { commodity, frontier }, local, timeoutMs: hosted.timeoutMs });
}

export function buildService(
  config: ResolverConfig,
  overrides: Partial<ServiceDefinition> & { composer?: Composer } = {},
): ServiceDefinition {
  const { composer, ...rest } = overrides;
  return {
    name: 'resolver',
    port: config.port,
    platform: config.platform,
    catalog: async (platform) =>
      resolverCatalog({
        composer: composer ?? composerFor(config, { wordWeight: await loadWordWeight() }),
        metrics: createResolverMetrics(platform.registry),
      }),
    ...rest,
  };
}
