import type { Bus } from '@parley/bus';
import type { Database } from '@parley/db';
import type { IngestResult, SkippedItem, SourceKind } from '@parley/knowledge';
import {
  ingestArticles,
  IngestError,
  ingestSource,
  parseIntercomExport,
  parseZendeskExport,
} from '@parley/knowledge';
import type { Kysely } from 'kysely';
import { syncSource } from '../knowledge/store.js';
import { detectKind, IngestInputError } from './detect-kind.js';

/** A server-side (or, for the CLI, local) path, or a vendor export sent inline. */
export type IngestInput =
  | { path: string; kind?: SourceKind | undefined; sourceId?: string | undefined }
  | { kind: 'zendesk' | 'intercom'; sourceId: string; export: unknown };

export interface IngestReport {
  sourceId: string;
  kind: SourceKind;
  /** The source's revision after the ingest (unchanged when nothing changed). */
  revision: number;
  articles: number;
  chunks: { total: number; upserted: number; unchanged: number; deleted: number };
  skipped: SkippedItem[];
}

export interface IngestDeps {
  db: Kysely<Database>;
  bus: Pick<Bus, 'emitInTransaction' | 'flush'>;
  onProgress?: (phase: 'read' | 'write', done: number, total: number) => void;
  /** The workspace of the admin key (HTTP) or the operator's choice (CLI); the default workspace if unset. */
  workspace?: string;
}

/** Reads the input through the knowledge package's ingestion path into chunk records. */
export async function readInput(input: IngestInput): Promise<{ kind: SourceKind; result: IngestResult }> {
  try {
    if ('export' in input) {
      const origin = `${input.kind}-export`;
      const parsed =
        input.kind === 'zendesk'
          ? parseZendeskExport(origin, input.export)
          : parseIntercomExport(origin, input.export);
      return {
        kind: input.kind,
        result: ingestArticles(input.sourceId, parsed.articles, {}, parsed.skipped),
      };
    }
    const kind = input.kind ?? (await detectKind(input.path));
    const result = await ingestSource({
      kind,
      path: input.path,
      ...(input.sourceId ? { sourceId: input.sourceId } : {}),
    });
    return { kind, result };
  } catch (err) {
    if (err instanceof IngestError) throw new IngestInputError(err.message);
    throw err;
  }
}

/**
 * Ingests one source and applies it to `kb_chunks`: only changed chunks are written, vanished ones deleted,
 * the revision bumped and kb.changed written to the outbox in the same transaction, then relayed, so every
 * replica reloads the change. Shared by `pnpm kb ingest` and `POST /v1/kb/ingest`.
 */
export async function applyIngest(deps: IngestDeps, input: IngestInput): Promise<IngestReport> {
  deps.onProgress?.('read', 0, 1);
  const { kind, result } = await readInput(input);
  deps.onProgress?.('read', 1, 1);
  if (result.chunks.length === 0 && result.summary.skipped.every((s) => s.reason !== 'invalid'))
    throw new IngestInputError(`source ${result.sourceId}: nothing to ingest (no article has text)`);
  const synced = await syncSource(deps.db, result, 'sync', {
    emit: (trx, events) => deps.bus.emitInTransaction(trx, events),
    onProgress: (done, total) => deps.onProgress?.('write', done, total),
    ...(deps.workspace ? { workspace: deps.workspace } : {}),
  });
  await deps.bus.flush(synced.outbox);
  return {
    sourceId: result.sourceId,
    kind,
    revision: synced.revision,
    articles: result.summary.articles,
    chunks: {
      total: result.chunks.length,
      upserted: synced.upserted.length,
      unchanged: synced.unchanged,
      deleted: synced.deleted.length,
    },
    skipped: result.summary.skipped,
  };
}
