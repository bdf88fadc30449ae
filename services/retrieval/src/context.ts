import { ConfigError } from '@parley/config';
import type { AnsweredQuestion } from '@parley/demo-store';
import { loadAnsweredQuestions, loadTaxonomy } from '@parley/demo-store';
import type { Embedder, Reranker } from '@parley/knowledge';
import type { Platform, ServiceContext } from '@parley/runtime';
import { buildWith } from '@parley/runtime';
import type { RetrievalConfig } from './config.js';
import { createRetrievalMetrics } from './events.js';
import type { RetrieveDeps } from './handlers/ticket-routed.js';
import type { registerIngestRoute } from './http/ingest-route.js';
import { followKnowledgeChanges } from './knowledge/changes.js';
import { ingestHelpCentre } from './knowledge/help-centre.js';
import { reindexSources, scheduleReindex } from './knowledge/reindex.js';
import { syncSource } from './knowledge/store.js';
import { loadCatalogue } from './products/load.js';
import { wordSimilarity } from '@parley/word-vectors';
import { AnsweredQuestions } from './search/answered-questions.js';
import { ArticleClassifier } from './search/article-classifier.js';
import { backendFactory, buildEmbedder, buildReranker, embeddedBackend } from './search/backends.js';
import { IntentPrior } from './search/intent-prior.js';
import { KnowledgeIndex } from './search/knowledge-index.js';
import { StockRule } from './search/stock-rule.js';

/** What retrieval's handler and its ingest route use, built once at start-up. */
export interface RetrievalDeps extends RetrieveDeps {
  ingest: Parameters<typeof registerIngestRoute>[1];
}

export interface RetrievalOverrides {
  /** A ready embedder (tests share one vector table between services). */
  embedder?: Embedder;
  reranker?: Reranker;
  /** Time source for the ingestion time limit (tests step it instead of waiting). */
  clock?: () => number;
}

/**
 * Seeds the help centre, builds the index (following kb.changed), schedules the re-syncs of its sources, loads
 * the product catalogue and the intent prior.
 */
export function buildContext(
  config: RetrievalConfig,
  platform: Platform,
  overrides: RetrievalOverrides = {},
): Promise<ServiceContext<RetrievalDeps>> {
  return buildWith(async (resources) => {
    const { bus, log } = platform;
    const db = platform.db.db;
    if (config.seed !== 'off') {
      const synced = await syncSource(db, await ingestHelpCentre(config.helpCentreDir), config.seed, {
        emit: (trx, events) => bus.emitInTransaction(trx, events),
      });
      await bus.flush(synced.outbox);
      log.info(
        { revision: synced.revision, upserted: synced.upserted.length, deleted: synced.deleted.length },
        'help centre synced',
      );
    }
    const embedder = overrides.embedder ?? (await buildEmbedder(config.embedder));
    const reranker = overrides.reranker ?? buildReranker(config.reranker);
    const index = new KnowledgeIndex(db, backendFactory(config, db, embedder, reranker));
    // Subscribe before building: a change committed meanwhile is applied after the build, or ignored if held.
    resources.own(followKnowledgeChanges(platform.nc, config.platform.busPrefix, index, log), (changes) =>
      changes.unsubscribe(),
    );
    await index.build();
    createRetrievalMetrics(platform.registry, { db, index });
    log.info({ chunks: index.size, index: config.index.kind }, 'knowledge index built');
    if (config.reindexIntervalMs > 0) {
      const reindex = scheduleReindex({
        db,
        bus,
        log,
        sources: reindexSources(
          config.seed === 'off' ? null : config.helpCentreDir,
          config.sources,
          config.ingestLimits,
        ),
        intervalMs: config.reindexIntervalMs,
      });
      resources.own(reindex, (r) => r.stop());
    }
    // The word-vector embedder's table, when retrieval runs on one, also reads product names in other words.
    const catalogue = await loadCatalogue(db, embedder.words ? wordSimilarity(embedder.words) : undefined);
    log.info({ products: catalogue.size }, 'product catalogue loaded');
    const prior = await intentPrior(config, index);
    log.info({ weight: prior.weight, intents: prior.size }, 'intent prior ready');
    const use = config.answeredQuestions;
    const answered = use ? await answeredQuestions(use.file) : undefined;
    const questions =
      answered && use && use.weight > 0
        ? await AnsweredQuestions.build(answered, embeddedBackend(embedder), use.weight)
        : undefined;
    log.info({ questions: questions?.size ?? 0, weight: questions?.weight ?? 0 }, 'answered questions ready');
    const classifier =
      answered && use
        ? await ArticleClassifier.load(answered, embedder.words, use.classifierWeight)
        : undefined;
    log.info(
      { questions: classifier?.size ?? 0, weight: classifier?.weight ?? 0 },
      'article classifier ready',
    );
    return {
      deps: {
        db,
        catalogue,
        index,
        indexKind: config.index.kind,
        prior: prior.prior,
        ...(questions ? { questions } : {}),
        ...(classifier ? { classifier } : {}),
        stockRule: new StockRule(index),
        search: {
          topK: config.topK,
          minConfidence: config.minConfidence,
          rerank: reranker !== undefined,
          ...(reranker ? { candidateDepth: config.rerankDepth } : {}),
        },
        ingest: {
          db,
          bus,
          adminKeys: config.adminKeys,
          log,
          paths: { kind: 'roots', roots: config.kbRoots },
          limits: config.ingestLimits,
          ...(overrides.clock ? { clock: overrides.clock } : {}),
        },
      },
      checks: { index: () => index.ready },
    };
  });
}

/** The answered questions file; a clear error naming the setting when it cannot be read or a line is bad. */
async function answeredQuestions(file: string): Promise<AnsweredQuestion[]> {
  return loadAnsweredQuestions(file).catch((err: Error) => {
    throw new ConfigError([`RETRIEVAL_ANSWERED_QUESTIONS_FILE: ${err.message}`]);
  });
}

/** The taxonomy's intent descriptions, searched like a ticket (default settings, 20 passages) and cached. */
async function intentPrior(
  config: RetrievalConfig,
  index: KnowledgeIndex,
): Promise<{ prior: IntentPrior; weight: number; size: number }> {
  const taxonomy = await loadTaxonomy(config.taxonomyFile);
  const descriptions = new Map(
    Object.entries(taxonomy.intents)
      .filter(([intent]) => intent !== 'out_of_scope')
      .map(([intent, spec]) => [intent, spec.description] as const),
  );
  const prior = new IntentPrior(
    descriptions,
    (text) => index.search(text, { topK: 20, minConfidence: 0, rerank: false }),
    config.intentPriorWeight,
  );
  return { prior, weight: config.intentPriorWeight, size: descriptions.size };
}
