import type { Database } from '@parley/db';
import type { Embedder, Reranker } from '@parley/knowledge';
import {
  hashingEmbedder,
  HybridIndex,
  loadDefaultEmbedder,
  loadTermAssociations,
  loadWordNet,
  providerEmbedder,
  providerReranker,
  QdrantSearchIndex,
} from '@parley/knowledge';
import { createEmbedder, createReranker, createVectorStore } from '@parley/providers';
import type { Kysely } from 'kysely';
import type { RetrievalConfig } from '../config.js';
import { loadChunksById } from '../knowledge/store.js';
import type { SearchBackend } from './knowledge-index.js';

export async function buildEmbedder(choice: RetrievalConfig['embedder']): Promise<Embedder> {
  switch (choice.kind) {
    case 'hashing':
      return hashingEmbedder();
    case 'local':
      return loadDefaultEmbedder();
    case 'provider':
      return providerEmbedder(createEmbedder(choice.config));
  }
}

export function buildReranker(config: RetrievalConfig['reranker']): Reranker | undefined {
  return config ? providerReranker(createReranker(config)) : undefined;
}

/**
 * The in-memory hybrid index. WordNet synonyms and the term associations learned from paraphrase clusters close
 * some of the vocabulary gap between customers and articles (measured in packages/knowledge/README.md); the
 * same defaults as `pnpm evals retrieval`, each read once per process by its loader.
 */
export function embeddedBackend(embedder: Embedder, reranker?: Reranker): () => Promise<SearchBackend> {
  return async () =>
    new HybridIndex({
      embedder,
      thesaurus: await loadWordNet(),
      associations: await loadTermAssociations(),
      ...(reranker ? { reranker } : {}),
    });
}

/**
 * The configured index, fresh for each build. Qdrant: the collection is created if missing, and the build
 * writes every stored chunk into it (idempotent: point ids derive from chunk ids); hits are read back from
 * `kb_chunks`, so a point left behind by a deletion is never served.
 */
export function backendFactory(
  config: Pick<RetrievalConfig, 'index'>,
  db: Kysely<Database>,
  embedder: Embedder,
  reranker: Reranker | undefined,
): () => Promise<SearchBackend> {
  const index = config.index;
  if (index.kind === 'embedded') return embeddedBackend(embedder, reranker);
  const store = createVectorStore({
    provider: 'qdrant',
    url: index.url,
    ...(index.apiKey ? { apiKey: index.apiKey } : {}),
  });
  return async () => {
    const q = new QdrantSearchIndex({
      store,
      collection: index.collection,
      embedder,
      ...(reranker ? { reranker } : {}),
      resolve: (ids) => loadChunksById(db, ids),
    });
    await q.ensureCollection();
    return q;
  };
}
