import type { Subscription } from '@nats-io/transport-node';
import { loadTaxonomy } from '@parley/demo-store';
import type { Embedder, Reranker } from '@parley/knowledge';
import type { ServiceDefinition } from '@parley/runtime';
import type { RetrievalConfig } from './config.js';
import { retrievalCatalog } from './consumers.js';
import { registerKnowledgeMetrics } from './events.js';
import { registerIngestRoute } from './http/ingest-route.js';
import { followKnowledgeChanges } from './knowledge/changes.js';
import { ingestHelpCentre } from './knowledge/help-centre.js';
import { reindexSources, scheduleReindex } from './knowledge/reindex.js';
import { syncSource } from './knowledge/store.js';
import { loadCatalogue } from './products/load.js';
import { backendFactory, buildEmbedder, buildReranker } from './search/backends.js';
import { IntentPrior } from './search/intent-prior.js';
import { KnowledgeIndex } from './search/knowledge-index.js';

export interface RetrievalOverrides {
  /** A ready embedder (tests share one vector table between services). */
  embedder?: Embedder;
  reranker?: Reranker;
  logDestination?: NodeJS.WritableStream;
  /** Time source for the ingestion time limit (tests step it instead of waiting). */
  clock?: () => number;
}

/**
 * Retrieval: seeds the help centre, builds the index, loads the product catalogue, follows kb.changed,
 * consumes ticket.routed, serves `POST /v1/kb/ingest`, and re-syncs its sources on a schedule.
 */
export function buildService(config: RetrievalConfig, overrides: RetrievalOverrides = {}): ServiceDefinition {
  let index: KnowledgeIndex | undefined;
  let changes: Subscription | undefined;
  let reindex: { stop(): Promise<void> } | undefined;
  return {
    name: 'retrieval',
    port: config.port,
    platform: config.platform,
    migrate: config.migrate,
    ...(overrides.logDestination ? { logDestination: overrides.logDestination } : {}),
    checks: { index: () => index?.ready ?? false },
    async catalog(platform) {
      const db = platform.db.db;
      const bus = platform.bus;
      if (config.seed !== 'off') {
        const synced = await syncSource(db, await ingestHelpCentre(config.helpCentreDir), config.seed, {
          emit: (trx, events) => bus.emitInTransaction(trx, events),
        });
        await bus.flush(synced.outbox);
        platform.log.info(
          { revision: synced.revision, upserted: synced.upserted.length, deleted: synced.deleted.length },
          'help centre synced',
        );
      }
      const embedder = overrides.embedder ?? (await buildEmbedder(config.embedder));
      const reranker = overrides.reranker ?? buildReranker(config.reranker);
      const built = new KnowledgeIndex(db, backendFactory(config, db, embedder, reranker));
      // Subscribe before building: a change committed meanwhile is applied after the build, or ignored if held.
      changes = followKnowledgeChanges(platform.nc, config.platform.busPrefix, built, platform.log);
      await built.build();
      index = built;
      registerKnowledgeMetrics(platform.registry, db, built);
      platform.log.info({ chunks: built.size, index: config.index.kind }, 'knowledge index built');
      if (config.reindexIntervalMs > 0) {
        reindex = scheduleReindex({
          db,
          bus,
          log: platform.log,
          sources: reindexSources(
            config.seed === 'off' ? null : config.helpCentreDir,
            config.sources,
            config.ingestLimits,
          ),
          intervalMs: config.reindexIntervalMs,
        });
      }
      const catalogue = await loadCatalogue(db);
      platform.log.info({ products: catalogue.size }, 'product catalogue loaded');
      const prior = await intentPrior(config, built);
      platform.log.info({ weight: prior.weight, intents: prior.size }, 'intent prior ready');
      return retrievalCatalog(
        {
          db,
          catalogue,
          index: built,
          indexKind: config.index.kind,
          prior: prior.prior,
          search: {
            topK: config.topK,
            minConfidence: config.minConfidence,
            rerank: reranker !== undefined,
            ...(reranker ? { candidateDepth: config.rerankDepth } : {}),
          },
        },
        config.concurrency,
      );
    },
    setup(platform, app) {
      registerIngestRoute(app, {
        db: platform.db.db,
        bus: platform.bus,
        adminKeys: config.adminKeys,
        log: platform.log,
        paths: { kind: 'roots', roots: config.kbRoots },
        limits: config.ingestLimits,
        ...(overrides.clock ? { clock: overrides.clock } : {}),
      });
    },
    async onStop() {
      await reindex?.stop();
      changes?.unsubscribe();
    },
  };
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
