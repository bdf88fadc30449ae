import type { VectorHit, VectorStore } from '@parley/providers';
import { createVectorStore } from '@parley/providers';
import type { Embedder, Reranker } from './embedder.js';
import { denseText } from './hybrid-index.js';
import type { SearchResult, SearchSettings } from './hybrid-index.js';
import { isQueryAware } from './provider-embedder.js';
import { documentSparseVector, queryTermIndices, TermStats } from './sparse-vector.js';
import type { ChunkRecord } from './types.js';

export interface QdrantSearchIndexOptions {
  store: VectorStore;
  collection: string;
  embedder: Embedder;
  reranker?: Reranker;
  /**
   * Turns hit ids into chunk records (e.g. read from the database, so texts are exact and a point left
   * behind by a deletion this process never saw is dropped). Without it, chunks come from the payload,
   * whose strings the store redacted.
   */
  resolve?: (ids: string[]) => Promise<ChunkRecord[]>;
  /** Points per upsert request. */
  batchSize?: number;
}

export type QdrantSearchSettings = Pick<
  SearchSettings,
  'topK' | 'minConfidence' | 'candidateDepth' | 'rerank'
>;

const DEFAULTS: QdrantSearchSettings = { topK: 5, minConfidence: 0, candidateDepth: 20, rerank: false };

/**
 * The same search surface as `HybridIndex` (upsert, remove, search, size) over a Qdrant collection: each chunk
 * is a point with a dense vector from the embedder and a BM25 sparse vector (see `sparse-vector.ts`), and a
 * query is one hybrid request fused by reciprocal rank fusion in Qdrant.
 *
 * RRF scores carry only ranks, so `confidence` is computed here: the share of the query's IDF mass whose
 * terms the chunk (title, heading, text) contains, in 0..1 and comparable across queries. It ignores
 * paraphrase (a chunk found only by the dense leg scores 0), so it is stricter than the embedded index's.
 */
export class QdrantSearchIndex {
  private readonly stats = new TermStats();
  private readonly opts: QdrantSearchIndexOptions;

  constructor(opts: QdrantSearchIndexOptions) {
    this.opts = opts;
  }

  /** Chunks this process has written (the collection itself may hold more, from other writers). */
  get size(): number {
    return this.stats.documents;
  }

  /** Creates the collection if it is missing (idempotent; an incompatible existing one is an error). */
  async ensureCollection(): Promise<void> {
    await this.opts.store.ensureCollection(this.opts.collection, { denseDim: this.opts.embedder.dim });
  }

  async upsert(chunks: readonly ChunkRecord[]): Promise<void> {
    const batch = this.opts.batchSize ?? 128;
    for (let i = 0; i < chunks.length; i += batch) {
      const part = chunks.slice(i, i + batch);
      const vectors = await this.opts.embedder.embed(part.map(denseText));
      if (vectors.length !== part.length)
        throw new Error(`embedder returned ${vectors.length} vectors for ${part.length} texts`);
      const sparse = part.map(documentSparseVector);
      await this.opts.store.upsert(
        this.opts.collection,
        part.map((chunk, k) => ({
          id: chunk.id,
          dense: Array.from(vectors[k]!),
          sparse: sparse[k]!,
          payload: toPayload(chunk),
        })),
      );
      part.forEach((chunk, k) => this.stats.set(chunk.id, sparse[k]!.indices));
    }
  }

  async remove(ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    await this.opts.store.delete(this.opts.collection, [...ids]);
    return ids.filter((id) => this.stats.delete(id)).length;
  }

  async search(query: string, overrides: Partial<QdrantSearchSettings> = {}): Promise<SearchResult[]> {
    const s = { ...DEFAULTS, ...overrides };
    if (!Number.isInteger(s.topK) || s.topK < 1)
      throw new Error(`search setting topK must be >= 1, got ${s.topK}`);
    if (!(s.minConfidence >= 0 && s.minConfidence <= 1))
      throw new Error(`search setting minConfidence must be in 0..1, got ${s.minConfidence}`);
    if (s.rerank && !this.opts.reranker)
      throw new Error('rerank requested but the index was built without a reranker');
    const terms = queryTermIndices(query);
    const idf = terms.map((i) => this.stats.idf(i));
    const embedder = this.opts.embedder;
    const dense = isQueryAware(embedder)
      ? await embedder.embedQuery(query)
      : (await embedder.embed([query]))[0];
    if (!dense) throw new Error('embedder returned no vector for the query');
    // Extra depth covers hits dropped by the confidence floor or as stale points.
    const limit = s.rerank ? Math.max(s.candidateDepth, s.topK) : s.topK * 2;
    const hits = await this.opts.store.hybridQuery(this.opts.collection, {
      dense: Array.from(dense),
      sparse: { indices: terms, values: idf },
      limit,
    });
    const chunks = await this.chunksOf(hits);
    const idfMass = idf.reduce((a, b) => a + b, 0);
    let results: SearchResult[] = [];
    hits.forEach((hit) => {
      const chunk = chunks.get(hit.id);
      if (!chunk) return;
      const doc = documentSparseVector(chunk);
      const weightOf = new Map(doc.indices.map((i, k) => [i, doc.values[k]!]));
      let bm25 = 0;
      let matched = 0;
      terms.forEach((t, k) => {
        const w = weightOf.get(t);
        if (w === undefined) return;
        bm25 += w * idf[k]!;
        matched += idf[k]!;
      });
      const rank = results.length + 1;
      results.push({
        chunk,
        scores: { bm25, dense: null, fused: hit.score, rerank: null },
        ranks: { bm25: null, dense: null, fused: rank, rerank: null },
        confidence: idfMass > 0 ? Math.min(1, matched / idfMass) : 0,
      });
    });
    if (s.rerank && results.length > 0) results = await this.rerank(query, results);
    return results.filter((r) => r.confidence >= s.minConfidence).slice(0, s.topK);
  }

  private async rerank(query: string, results: SearchResult[]): Promise<SearchResult[]> {
    const scores = await this.opts.reranker!.rerank(
      query,
      results.map((r) => denseText(r.chunk)),
    );
    if (scores.length !== results.length || !scores.every(Number.isFinite))
      throw new Error(`reranker returned ${scores.length} scores for ${results.length} documents`);
    results.forEach((r, i) => (r.scores.rerank = scores[i]!));
    const ordered = [...results].sort(
      (a, b) => b.scores.rerank! - a.scores.rerank! || a.ranks.fused - b.ranks.fused,
    );
    ordered.forEach((r, i) => (r.ranks.rerank = i + 1));
    return ordered;
  }

  private async chunksOf(hits: VectorHit[]): Promise<Map<string, ChunkRecord>> {
    if (this.opts.resolve) {
      const found = await this.opts.resolve(hits.map((h) => h.id));
      return new Map(found.map((c) => [c.id, c]));
    }
    return new Map(hits.map((h) => [h.id, fromPayload(h.id, h.payload)]));
  }
}

function toPayload(c: ChunkRecord): Record<string, unknown> {
  return {
    sourceId: c.sourceId,
    articleId: c.articleId,
    title: c.title,
    url: c.url,
    sectionPath: c.sectionPath,
    section: c.section,
    ordinal: c.ordinal,
    text: c.text,
    updatedAt: c.updatedAt,
    contentHash: c.contentHash,
  };
}

function fromPayload(id: string, p: Record<string, unknown>): ChunkRecord {
  const str = (k: string): string => {
    const v = p[k];
    if (typeof v !== 'string') throw new Error(`qdrant point ${id}: payload field ${k} is not a string`);
    return v;
  };
  const orNull = (k: string): string | null => (typeof p[k] === 'string' ? (p[k] as string) : null);
  return {
    id,
    sourceId: str('sourceId'),
    articleId: str('articleId'),
    title: str('title'),
    url: orNull('url'),
    sectionPath: Array.isArray(p.sectionPath) ? p.sectionPath.map(String) : [],
    section: str('section'),
    ordinal: typeof p.ordinal === 'number' ? p.ordinal : 0,
    text: str('text'),
    updatedAt: orNull('updatedAt'),
    contentHash: str('contentHash'),
  };
}

/** A `QdrantSearchIndex` on a Qdrant server by URL, through `createVectorStore` from `@parley/providers`. */
export function createQdrantSearchIndex(
  opts: { url: string; apiKey?: string; collection: string } & Omit<
    QdrantSearchIndexOptions,
    'store' | 'collection'
  >,
): QdrantSearchIndex {
  const { url, apiKey, ...rest } = opts;
  const store = createVectorStore({ provider: 'qdrant', url, ...(apiKey ? { apiKey } : {}) });
  return new QdrantSearchIndex({ store, ...rest });
}
