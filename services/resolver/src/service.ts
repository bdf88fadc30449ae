import type { Store } from '@parley/commerce';
import { PostgresStore } from '@parley/commerce';
import { createChatModel } from '@parley/providers';
import type { ServiceDefinition } from '@parley/runtime';
import type { Composer } from './compose/composer.js';
import { HostedComposer } from './compose/hosted/hosted-composer.js';
import type { WordWeight } from './compose/local/answer.js';
import { LocalComposer } from './compose/local/local-composer.js';
import type { Similarity } from './compose/local/plan/words.js';
import { wordSimilarity } from './compose/local/plan/similarity.js';
import { wordWeightFrom } from './compose/local/word-weight.js';
import { loadWordVectors } from '@parley/word-vectors';
import type { HostedComposerConfig, ResolverConfig } from './config.js';
import { resolverCatalog } from './consumers.js';
import { createResolverMetrics } from './events.js';

export interface ComposerDeps {
  /** The store a hosted model's read tools look in and its write proposals are checked against. */
  store: Store;
  /** Without it every question word counts alike when help-centre sections are matched (the service loads it). */
  wordWeight?: WordWeight;
  /** How alike two words are (word vectors), for item names the customer words their own way ("earphones"). */
  similar?: Similarity;
}

/** Picks the Composer from config: the local one, or a hosted provider in front of it. */
export function composerFor(config: ResolverConfig, deps: ComposerDeps): Composer {
  const local = new LocalComposer({
    retrievalFloor: config.retrievalFloor,
    ...(deps.wordWeight ? { wordWeight: deps.wordWeight } : {}),
    actions: { store: deps.store, ...(deps.similar ? { similar: deps.similar } : {}) },
  });
  return config.hosted ? hostedComposer(config.hosted, local, deps.store) : local;
}

function hostedComposer(hosted: HostedComposerConfig, local: Composer, store: Store): Composer {
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
  return new HostedComposer({
    models: { commodity, frontier },
    local,
    store,
    timeoutMs: hosted.timeoutMs,
    maxToolRounds: hosted.maxToolRounds,
  });
}

export interface ResolverOverrides extends Partial<ServiceDefinition> {
  composer?: Composer;
  /** Another back end than the demo store in the platform database (a commerce adapter). */
  store?: Store;
}

export function buildService(config: ResolverConfig, overrides: ResolverOverrides = {}): ServiceDefinition {
  const { composer, store, ...rest } = overrides;
  return {
    name: 'resolver',
    port: config.port,
    platform: config.platform,
    catalog: async (platform) => {
      const vectors = composer ? undefined : await loadWordVectors();
      return resolverCatalog({
        composer:
          composer ??
          composerFor(config, {
            store: store ?? new PostgresStore(platform.db.db),
            wordWeight: wordWeightFrom(vectors!),
            similar: wordSimilarity(vectors!),
          }),
        metrics: createResolverMetrics(platform.registry),
      });
    },
    ...rest,
  };
}
