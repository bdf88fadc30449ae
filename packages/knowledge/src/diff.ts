import type { ChunkRecord, IngestResult } from './types.js';

export interface ChunkDiff {
  /** New chunks and chunks whose text, title, url or section changed: write these. */
  upserted: ChunkRecord[];
  /** Ids of stored chunks that stay as they are. */
  unchanged: string[];
  /** Ids of stored chunks of this source that the new ingest no longer produces: delete these. */
  deleted: string[];
}

// updated_at is per article in every source, so comparing it would rewrite every section of an article
// when one section is edited; a stored chunk keeps the updated_at of its last real change instead.
function same(a: ChunkRecord, b: ChunkRecord): boolean {
  return a.contentHash === b.contentHash && a.title === b.title && a.url === b.url && a.section === b.section;
}

/**
 * Compares stored chunks with a fresh ingest of one source. Only stored chunks of `incoming.sourceId` are
 * considered, so other sources are never deleted. Chunks of articles that this ingest skipped as invalid
 * (a file that failed to parse) are kept rather than deleted: a broken edit should not empty the article.
 */
export function diffChunks(
  stored: Iterable<ChunkRecord>,
  incoming: Pick<IngestResult, 'sourceId' | 'chunks' | 'summary'>,
): ChunkDiff {
  const keepArticles = new Set(
    incoming.summary.skipped
      .filter((s) => s.reason === 'invalid' && s.articleId !== undefined)
      .map((s) => s.articleId!),
  );
  const previous = new Map<string, ChunkRecord>();
  for (const chunk of stored) if (chunk.sourceId === incoming.sourceId) previous.set(chunk.id, chunk);

  const upserted: ChunkRecord[] = [];
  const unchanged: string[] = [];
  const produced = new Set<string>();
  for (const chunk of incoming.chunks) {
    if (chunk.sourceId !== incoming.sourceId)
      throw new Error(`chunk ${chunk.id} belongs to ${chunk.sourceId}, not ${incoming.sourceId}`);
    if (produced.has(chunk.id)) throw new Error(`duplicate chunk id ${chunk.id} in incoming chunks`);
    produced.add(chunk.id);
    const old = previous.get(chunk.id);
    if (old && same(old, chunk)) unchanged.push(chunk.id);
    else upserted.push(chunk);
  }
  for (const chunk of incoming.chunks) keepArticles.delete(chunk.articleId);
  const deleted: string[] = [];
  for (const [id, chunk] of previous) {
    if (!produced.has(id) && !keepArticles.has(chunk.articleId)) deleted.push(id);
  }
  return { upserted, unchanged, deleted };
}
