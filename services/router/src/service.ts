import type { Taxonomy } from '@parley/demo-store';
import { loadTaxonomy } from '@parley/demo-store';
import { ConfigError } from '@parley/config';
import { createChatModel } from '@parley/providers';
import type { ServiceDefinition } from '@parley/runtime';
import type { LlmRouterConfig, RouterConfig } from './config.js';
import { routerCatalog } from './consumers.js';
import { routerEvents } from './events.js';
import type { IntentClassifier } from './intent/classifier.js';
import { LlmIntentClassifier } from './intent/llm-classifier.js';
import { loadLocalClassifier, trainLocalClassifier } from './intent/local-model.js';

export interface RouterOverrides {
  /** A ready local classifier (tests share one trained model between services); wrapped when the LLM routes. */
  classifier?: IntentClassifier;
  logDestination?: NodeJS.WritableStream;
}

/** The router: trains (or takes) its local classifier, wraps it in the LLM router if configured, consumes ticket.received. */
export function buildService(config: RouterConfig, overrides: RouterOverrides = {}): ServiceDefinition {
  let classifierReady = false;
  return {
    name: 'router',
    port: config.port,
    platform: config.platform,
    migrate: config.migrate,
    ...(overrides.logDestination ? { logDestination: overrides.logDestination } : {}),
    checks: { classifier: () => classifierReady },
    async catalog(platform) {
      const taxonomy = await loadTaxonomy(config.taxonomyFile);
      let local = overrides.classifier;
      if (!local && config.modelFile) {
        const loaded = await loadLocalClassifier(config.modelFile).catch((err: Error) => {
          throw new ConfigError([
            `ROUTER_MODEL_FILE: ${err.message}; retrain it with \`pnpm train:router --out ${config.modelFile}\``,
          ]);
        });
        platform.log.info({ file: config.modelFile, loadMs: loaded.loadMs }, 'intent model loaded');
        local = loaded.classifier;
      }
      if (!local) {
        const trained = await trainLocalClassifier(config.intentTrainFile, {
          wordVectors: config.wordVectors,
        });
        platform.log.info({ examples: trained.examples, trainMs: trained.trainMs }, 'intent model trained');
        local = trained.classifier;
      }
      const classifier = config.llm ? llmRouter(config.llm, taxonomy, local) : local;
      if (config.llm) {
        platform.log.info({ provider: config.llm.provider, model: config.llm.model }, 'LLM router enabled');
      }
      classifierReady = true;
      const deps = { classifier, taxonomy, options: config.routing, events: routerEvents(platform.registry) };
      return routerCatalog(deps, config.concurrency);
    },
  };
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
