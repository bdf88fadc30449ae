import type { Database } from '@parley/db';
import type { ChunkRecord, SearchResult, SearchSettings } from '@parley/knowledge';
import type { Kysely } from 'kysely';
import { loadAllChunks, loadChunksById } from '../knowledge/store.js';

export interface KnowledgeChange {
  sourceId: string;
  revision: number;
  upserted: readonly string[];
  deleted: readonly string[];
}

/** `candidateDepth` is also the embedded index's fusion depth, so it is only set when reranking. */
export type SearchOptions = Pick<SearchSettings, 'topK' | 'minConfidence' | 'rerank'> &
  Partial<Pick<SearchSettings, 'candidateDepth'>>;

/** What the retrieval service needs from an index: `HybridIndex` (in memory) and `QdrantSearchIndex` both fit. */
export interface SearchBackend {
  readonly size: number;
  upsert(chunks: readonly ChunkRecord[]): Promise<void>;
  remove(ids: readonly string[]): unknown;
  search(query: string, settings: SearchOptions): Promise<SearchResult[]>;
}

/**
 * This replica's view of every stored chunk. Built once from `kb_chunks`, then kept current by applying
 * kb.changed notices in order; a notice no newer than the revision held is ignored.
 */
export class KnowledgeIndex {
  private index: SearchBackend | undefined;
  private readonly revisions = new Map<string, number>();
  // Builds and changes run one at a time, so a change never interleaves with a rebuild.
  private queue: Promise<unknown> = Promise.resolve();
  private changes = 0;

  constructor(
    private readonly db: Kysely<Database>,
    /** A fresh, empty backend for each build. */
    private readonly createBackend: () => Promise<SearchBackend>,
  ) {}

  get ready(): boolean {
    return this.index !== undefined;
  }

  get size(): number {
    return this.index?.size ?? 0;
  }

  /** Moves on with every build and applied change: anything derived from search results keys its cache on it. */
  get generation(): number {
    return this.changes;
  }

  revision(sourceId: string): number {
    return this.revisions.get(sourceId) ?? 0;
  }

  build(): Promise<void> {
    return this.serial(async () => {
      const { chunks, revisions } = await loadAllChunks(this.db);
      const index = await this.createBackend();
      await index.upsert(chunks);
      this.index = index;
      this.changes += 1;
      this.revisions.clear();
      for (const [id, rev] of revisions) this.revisions.set(id, rev);
    });
  }

  /** Reloads the listed chunks from the database; returns false when the change was already held. */
  apply(change: KnowledgeChange): Promise<boolean> {
    return this.serial(async () => {
      if (!this.index || change.revision <= this.revision(change.sourceId)) return false;
      const fresh = await loadChunksById(this.db, change.upserted);
      // A chunk listed as upserted but gone by now was deleted by a later revision: drop it too.
      const present = new Set(fresh.map((c) => c.id));
      const gone = [...change.deleted, ...change.upserted.filter((id) => !present.has(id))];
      await this.index.upsert(fresh);
      await this.index.remove(gone);
      this.revisions.set(change.sourceId, change.revision);
      this.changes += 1;
      return true;
    });
  }

  async search(query: string, options: SearchOptions): Promise<SearchResult[]> {
    if (!this.index) throw new Error('the knowledge index is not built yet');
    return this.index.search(query, options);
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
