import { ConfigError } from '@parley/config';
import type { Taxonomy } from '@parley/demo-store';
import { loadTaxonomy } from '@parley/demo-store';
import { createChatModel } from '@parley/providers';
import type { Platform, ServiceContext } from '@parley/runtime';
import { buildWith } from '@parley/runtime';
import type { LlmRouterConfig, RouterConfig } from './config.js';
import type { RouterMetrics } from './events.js';
import { createRouterMetrics } from './events.js';
import type { IntentClassifier } from './intent/classifier.js';
import { LlmIntentClassifier } from './intent/llm-classifier.js';
import { loadLocalClassifier, trainLocalClassifier } from './intent/local-model.js';
import type { RoutingOptions } from './routing/decide.js';
import { spellingMender } from './rules/spelling.js';
import { loadWordVectors } from '@parley/word-vectors';

/** What the router's handler uses, built once at start-up. */
export interface RouterDeps {
  classifier: IntentClassifier;
  taxonomy: Taxonomy;
  options: RoutingOptions;
  metrics: RouterMetrics;
}

export interface RouterOverrides {
  /** A ready local classifier (tests share one trained model between services); wrapped when the LLM routes. */
  classifier?: IntentClassifier;
}

/** Loads the taxonomy, loads or trains (or takes) the local classifier, and wraps it in the LLM router if configured. */
export function buildContext(
  config: RouterConfig,
  platform: Platform,
  overrides: RouterOverrides = {},
): Promise<ServiceContext<RouterDeps>> {
  return buildWith(async () => {
    const taxonomy = await loadTaxonomy(config.taxonomyFile);
    const local = overrides.classifier ?? (await localClassifier(config, platform));
    const classifier = config.llm ? llmRouter(config.llm, taxonomy, local) : local;
    if (config.llm) {
      platform.log.info({ provider: config.llm.provider, model: config.llm.model }, 'LLM router enabled');
    }
    // Misspellings are mended for the rules' second reading and the sentiment when the router has a dictionary.
    const vectors = config.wordVectors ? await loadWordVectors() : undefined;
    return {
      deps: {
        classifier,
        taxonomy,
        options: vectors ? { ...config.routing, mend: spellingMender(vectors) } : config.routing,
        metrics: createRouterMetrics(platform.registry),
      },
      // The server listens only once the classifier is in place, so it needs no check of its own.
      checks: {},
    };
  });
}

/** The model file when one is configured (a clear error naming it when it cannot be read), else trained now. */
async function localClassifier(config: RouterConfig, platform: Platform): Promise<IntentClassifier> {
  if (config.modelFile) {
    const loaded = await loadLocalClassifier(config.modelFile).catch((err: Error) => {
      throw new ConfigError([
        `ROUTER_MODEL_FILE: ${err.message}; retrain it with \`pnpm train:router --out ${config.modelFile}\``,
      ]);
    });
    platform.log.info({ file: config.modelFile, loadMs: loaded.loadMs }, 'intent model loaded');
    return loaded.classifier;
  }
  const trained = await trainLocalClassifier(config.intentTrainFile, { wordVectors: config.wordVectors });
  platform.log.info({ examples: trained.examples, trainMs: trained.trainMs }, 'intent model trained');
  return trained.classifier;
}

function llmRouter(llm: LlmRouterConfig, taxonomy: Taxonomy, fallback: IntentClassifier): IntentClassifier {
  const model = createChatModel({
    provider: llm.provider,
    model: llm.model,
    apiKey: llm.apiKey,
    baseUrl: llm.baseUrl,
    timeoutMs: llm.timeoutMs,
    // The local model is the retry: SDK retries with backoff would spend the routing deadline waiting.
    maxRetries: 0,
  });
  return new LlmIntentClassifier({ model, taxonomy, fallback, timeoutMs: llm.timeoutMs });
}
