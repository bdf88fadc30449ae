import type { Bus } from '@parley/bus';
import type { Database } from '@parley/db';
import type { IngestLimits, IngestResult, SkippedItem, SourceKind } from '@parley/knowledge';
import {
  IngestBudget,
  ingestArticles,
  IngestError,
  ingestSource,
  parseIntercomExport,
  parseZendeskExport,
} from '@parley/knowledge';
import type { Kysely } from 'kysely';
import { syncSource } from '../knowledge/store.js';
import { IngestInputError } from './errors.js';
import type { KnowledgeRoot } from './roots.js';
import { locateUnderRoots } from './roots.js';

/** A path (under a knowledge root for the endpoint; any local path for the CLI), or a vendor export sent inline. */
export type IngestInput =
  | { path: string; kind?: SourceKind | undefined; sourceId?: string | undefined }
  | { kind: 'zendesk' | 'intercom'; sourceId: string; export: unknown };

/**
 * Where a path may lead. `roots`: only under the configured knowledge roots, named in answers by root name
 * (`POST /v1/kb/ingest`: a remote caller must never reach or learn of other server files). `operator`: any
 * path, named as given (`pnpm kb`: the operator already has the shell). Both read within the same limits.
 */
export type PathPolicy = { kind: 'roots'; roots: readonly KnowledgeRoot[] } | { kind: 'operator' };

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
  paths: PathPolicy;
  limits: IngestLimits;
  /** Time source for the time limit; tests step it instead of waiting. */
  clock?: () => number;
  onProgress?: (phase: 'read' | 'write', done: number, total: number) => void;
  /** The workspace of the admin key (HTTP) or the operator's choice (CLI); the default workspace if unset. */
  workspace?: string;
}

/** Reads the input through the knowledge package's ingestion path into chunk records, within the budget. */
export async function readInput(
  input: IngestInput,
  paths: PathPolicy,
  budget: IngestBudget,
): Promise<{ kind: SourceKind; result: IngestResult }> {
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
    const located = paths.kind === 'roots' ? await locateUnderRoots(input.path, paths.roots) : undefined;
    const result = await ingestSource(
      {
        kind: input.kind,
        path: located?.path ?? input.path,
        sourceId: input.sourceId,
        label: located?.label,
        boundary: located?.boundary,
      },
      { budget },
    );
    return { kind: result.kind, result };
  } catch (err) {
    if (err instanceof IngestError) throw new IngestInputError(err.message);
    throw err;
  }
}

/**
 * Ingests one source and applies it to `kb_chunks`: only changed chunks are written, vanished ones deleted,
 * the revision bumped and kb.changed written to the outbox in the same transaction, then relayed, so every
 * replica reloads the change. Shared by `pnpm kb ingest` and `POST /v1/kb/ingest`.
 *
 * All or nothing: the source is read in full (within the limits) before anything is written, and the write
 * is one transaction, so a refused path, an exceeded limit (IngestLimitError, the time limit checked between
 * write batches too) or a failure leaves the store as it was.
 */
export async function applyIngest(deps: IngestDeps, input: IngestInput): Promise<IngestReport> {
  const budget = new IngestBudget(deps.limits, deps.clock);
  deps.onProgress?.('read', 0, 1);
  const { kind, result } = await readInput(input, deps.paths, budget);
  budget.checkTime();
  deps.onProgress?.('read', 1, 1);
  if (result.chunks.length === 0 && result.summary.skipped.every((s) => s.reason !== 'invalid'))
    throw new IngestInputError(`source ${result.sourceId}: nothing to ingest (no article has text)`);
  const synced = await syncSource(deps.db, result, 'sync', {
    emit: (trx, events) => deps.bus.emitInTransaction(trx, events),
    onProgress: (done, total) => {
      // Thrown inside the transaction: it rolls back.
      budget.checkTime();
      deps.onProgress?.('write', done, total);
    },
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
