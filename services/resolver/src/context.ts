import type { Store } from '@parley/commerce';
import { PostgresStore } from '@parley/commerce';
import { createChatModel } from '@parley/providers';
import type { Platform, ServiceContext } from '@parley/runtime';
import { buildWith } from '@parley/runtime';
import { loadWordVectors, wordSimilarity } from '@parley/word-vectors';
import type { Composer } from './compose/composer.js';
import { HostedComposer } from './compose/hosted/hosted-composer.js';
import type { WordWeight } from './compose/local/answer.js';
import { LocalComposer } from './compose/local/local-composer.js';
import type { Similarity } from './compose/local/plan/words.js';
import { wordWeightFrom } from './compose/local/word-weight.js';
import type { HostedComposerConfig, ResolverConfig } from './config.js';
import type { ResolverMetrics } from './events.js';
import { createResolverMetrics } from './events.js';

/** What the resolver's handler uses, built once at start-up. */
export interface ResolverDeps {
  composer: Composer;
  metrics: ResolverMetrics;
}

export interface ResolverOverrides {
  /** A composer to use instead of the configured one (then no word vectors are loaded). */
  composer?: Composer;
  /** Another back end than the demo store in the platform database (a commerce adapter). */
  store?: Store;
}

export function buildContext(
  config: ResolverConfig,
  platform: Platform,
  overrides: ResolverOverrides = {},
): Promise<ServiceContext<ResolverDeps>> {
  return buildWith(async () => {
    let composer = overrides.composer;
    if (!composer) {
      const vectors = await loadWordVectors();
      composer = composerFor(config, {
        store: overrides.store ?? new PostgresStore(platform.db.db),
        wordWeight: wordWeightFrom(vectors),
        similar: wordSimilarity(vectors),
        isWord: (word) => vectors.vector(word) !== undefined,
        commonRank: (word) => vectors.rank(word),
      });
    }
    return { deps: { composer, metrics: createResolverMetrics(platform.registry) }, checks: {} };
  });
}

export interface ComposerDeps {
  /** The store a hosted model's read tools look in and its write proposals are checked against. */
  store: Store;
  /** Without it every question word counts alike when help-centre sections are matched (the service loads it). */
  wordWeight?: WordWeight;
  /** How alike two words are (word vectors), for item names the customer words their own way ("earphones"). */
  similar?: Similarity;
  /** Whether a word is a real word (word vectors), for reading a misspelt question word as a section's word. */
  isWord?: (word: string) => boolean;
  /** A word's rank in general English (word vectors), for reading a misspelling of no section word as a common word. */
  commonRank?: (word: string) => number | undefined;
}

/** Picks the Composer from config: the local one, or a hosted provider in front of it. */
export function composerFor(config: ResolverConfig, deps: ComposerDeps): Composer {
  const local = new LocalComposer({
    retrievalFloor: config.retrievalFloor,
    ...(deps.wordWeight ? { wordWeight: deps.wordWeight } : {}),
    ...(deps.isWord ? { isWord: deps.isWord } : {}),
    ...(deps.commonRank ? { commonRank: deps.commonRank } : {}),
    actions: {
      store: deps.store,
      ...(deps.similar ? { similar: deps.similar } : {}),
      ...(deps.commonRank ? { commonRank: deps.commonRank } : {}),
    },
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
