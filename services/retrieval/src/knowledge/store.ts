import type { OutboxRow } from '@parley/bus';
import type { Envelope } from '@parley/contracts';
import { writeOutbox } from '@parley/bus';
import { DEFAULT_WORKSPACE, KnowledgeChanged, makeEvent } from '@parley/contracts';
import type { Database, KbChunksTable } from '@parley/db';
import type { ChunkRecord, IngestResult } from '@parley/knowledge';
import { diffChunks } from '@parley/knowledge';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { sql } from 'kysely';

export type SeedMode = 'if-empty' | 'sync' | 'off';

export interface SyncResult {
  revision: number;
  upserted: string[];
  /** Chunks whose stored content already matched. */
  unchanged: number;
  deleted: string[];
  /** Outbox rows of the kb.changed event, to publish after commit (empty when nothing changed). */
  outbox: OutboxRow[];
}

export function rowToChunk(row: Selectable<KbChunksTable>): ChunkRecord {
  return {
    id: row.id,
    sourceId: row.source_id,
    articleId: row.article_id,
    title: row.title,
    url: row.url,
    sectionPath: row.section === '' ? [] : row.section.split(' > '),
    section: row.section,
    // The table keeps no window number; nothing downstream of the store reads it.
    ordinal: 0,
    text: row.text,
    updatedAt: row.source_updated_at ? row.source_updated_at.toISOString() : null,
    contentHash: row.content_hash,
  };
}

function chunkToRow(c: ChunkRecord) {
  return {
    id: c.id,
    source_id: c.sourceId,
    article_id: c.articleId,
    title: c.title,
    section: c.section,
    text: c.text,
    url: c.url,
    source_updated_at: c.updatedAt ? new Date(c.updatedAt) : null,
    content_hash: c.contentHash,
  };
}

const BATCH = 200;

export interface SyncOptions {
  /** Writes the kb.changed event inside the transaction (`bus.emitInTransaction`); the outbox writer by default. */
  emit?: (trx: Transaction<Database>, events: readonly Envelope[]) => Promise<OutboxRow[]>;
  /** Called after each written batch with the chunks written so far out of those to write. */
  onProgress?: (done: number, total: number) => void;
  /** The workspace writing the source (the default workspace unless an admin key of another one ingests). */
  workspace?: string;
}

/** A source id already owned by another workspace: a workspace changes only its own sources. */
export class SourceOwnedElsewhere extends Error {
  constructor(readonly sourceId: string) {
    super(`knowledge source ${sourceId} cannot be written by this workspace; choose another sourceId`);
    this.name = 'SourceOwnedElsewhere';
  }
}

/**
 * Writes a fresh ingest of one source: only chunks whose content changed are written, chunks the source no
 * longer has are deleted, the source's revision goes up by one and a kb.changed event joins the outbox, all in
 * one transaction. Concurrent replicas serialise on the source row, so the second one finds nothing to do.
 */
export async function syncSource(
  db: Kysely<Database>,
  incoming: IngestResult,
  mode: Exclude<SeedMode, 'off'>,
  options: SyncOptions = {},
): Promise<SyncResult> {
  const emit = options.emit ?? writeOutbox;
  const workspace = options.workspace ?? DEFAULT_WORKSPACE;
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('kb_sources')
      .values({ id: incoming.sourceId, workspace_id: workspace, revision: 0 })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    const source = await trx
      .selectFrom('kb_sources')
      .select(['revision', 'workspace_id'])
      .where('id', '=', incoming.sourceId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (source.workspace_id !== workspace) throw new SourceOwnedElsewhere(incoming.sourceId);
    const stored = (
      await trx.selectFrom('kb_chunks').selectAll().where('source_id', '=', incoming.sourceId).execute()
    ).map(rowToChunk);
    const nothing = { revision: source.revision, upserted: [], deleted: [], outbox: [] };
    if (mode === 'if-empty' && stored.length > 0) return { ...nothing, unchanged: stored.length };
    const diff = diffChunks(stored, incoming);
    const unchanged = diff.unchanged.length;
    if (diff.upserted.length === 0 && diff.deleted.length === 0) {
      // updated_at is the time of the last successful sync, changed or not: freshness is measured from it.
      await trx
        .updateTable('kb_sources')
        .set({ updated_at: sql<Date>`now()` })
        .where('id', '=', incoming.sourceId)
        .execute();
      return { ...nothing, unchanged };
    }
    options.onProgress?.(0, diff.upserted.length);
    for (let i = 0; i < diff.upserted.length; i += BATCH) {
      await trx
        .insertInto('kb_chunks')
        .values(diff.upserted.slice(i, i + BATCH).map(chunkToRow))
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            article_id: eb.ref('excluded.article_id'),
            title: eb.ref('excluded.title'),
            section: eb.ref('excluded.section'),
            text: eb.ref('excluded.text'),
            url: eb.ref('excluded.url'),
            source_updated_at: eb.ref('excluded.source_updated_at'),
            content_hash: eb.ref('excluded.content_hash'),
            updated_at: sql<Date>`now()`,
          })),
        )
        .execute();
      options.onProgress?.(Math.min(i + BATCH, diff.upserted.length), diff.upserted.length);
    }
    if (diff.deleted.length > 0) await trx.deleteFrom('kb_chunks').where('id', 'in', diff.deleted).execute();
    const revision = source.revision + 1;
    await trx
      .updateTable('kb_sources')
      .set({ revision, updated_at: sql<Date>`now()` })
      .where('id', '=', incoming.sourceId)
      .execute();
    const upserted = diff.upserted.map((c) => c.id);
    const event = makeEvent(KnowledgeChanged, {
      ticketId: null,
      payload: { sourceId: incoming.sourceId, revision, upserted, deleted: diff.deleted },
    });
    return { revision, upserted, unchanged, deleted: diff.deleted, outbox: await emit(trx, [event]) };
  });
}

/** Every stored chunk with each source's revision, read in one snapshot so the two agree. */
export async function loadAllChunks(
  db: Kysely<Database>,
): Promise<{ chunks: ChunkRecord[]; revisions: Map<string, number> }> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const sources = await trx.selectFrom('kb_sources').select(['id', 'revision']).execute();
      const rows = await trx.selectFrom('kb_chunks').selectAll().orderBy('id').execute();
      return { chunks: rows.map(rowToChunk), revisions: new Map(sources.map((s) => [s.id, s.revision])) };
    });
}

export async function loadChunksById(db: Kysely<Database>, ids: readonly string[]): Promise<ChunkRecord[]> {
  const out: ChunkRecord[] = [];
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await db
      .selectFrom('kb_chunks')
      .selectAll()
      .where('id', 'in', ids.slice(i, i + 1000))
      .execute();
    out.push(...rows.map(rowToChunk));
  }
  return out;
}
