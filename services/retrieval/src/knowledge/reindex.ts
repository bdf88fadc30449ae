import type { Bus } from '@parley/bus';
import type { Database } from '@parley/db';
import type { IngestLimits, IngestResult } from '@parley/knowledge';
import { ingestSource } from '@parley/knowledge';
import type { Logger } from '@parley/telemetry';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { ConfiguredSource } from '../config.js';
import { HELP_CENTRE_SOURCE, ingestHelpCentre } from './help-centre.js';
import { syncSource } from './store.js';

/** Session advisory lock key for the scheduled re-index: one replica at a time runs it. */
export const REINDEX_LOCK_KEY = 7_202_611;

export interface ReindexSource {
  id: string;
  read(): Promise<IngestResult>;
}

/**
 * The help centre (unless seeding is off) plus the configured extra sources. The operator chose their paths,
 * so they are not confined to the knowledge roots, but they are read within the same limits.
 */
export function reindexSources(
  helpCentreDir: string | null,
  extra: readonly ConfiguredSource[],
  limits?: Partial<IngestLimits>,
): ReindexSource[] {
  const out: ReindexSource[] = [];
  if (helpCentreDir) out.push({ id: HELP_CENTRE_SOURCE, read: () => ingestHelpCentre(helpCentreDir) });
  for (const s of extra)
    out.push({
      id: s.id,
      read: () => ingestSource({ kind: s.kind, path: s.path, sourceId: s.id }, limits ? { limits } : {}),
    });
  return out;
}

export interface ReindexDeps {
  db: Kysely<Database>;
  bus: Pick<Bus, 'emitInTransaction' | 'flush'>;
  log: Logger;
  sources: readonly ReindexSource[];
  intervalMs: number;
}

export type ReindexOutcome =
  | { status: 'locked' }
  | { status: 'done'; synced: { id: string; revision: number; changed: boolean }[]; failed: string[] };

/**
 * Re-syncs every source whose last successful sync (`kb_sources.updated_at`) is older than the interval,
 * under a session advisory lock: a replica that cannot take it returns at once, and one that takes it after
 * another replica finished finds every source fresh and does nothing. A failing source is logged and left
 * stale (so the freshness metric shows it); the others still run.
 */
export async function reindexIfDue(deps: ReindexDeps): Promise<ReindexOutcome> {
  return deps.db.connection().execute(async (conn) => {
    const { rows } = await sql<{
      ok: boolean;
    }>`select pg_try_advisory_lock(${REINDEX_LOCK_KEY}) as ok`.execute(conn);
    if (!rows[0]?.ok) return { status: 'locked' as const };
    try {
      const synced: { id: string; revision: number; changed: boolean }[] = [];
      const failed: string[] = [];
      const cutoff = new Date(Date.now() - deps.intervalMs);
      const last = new Map(
        (await conn.selectFrom('kb_sources').select(['id', 'updated_at']).execute()).map((r) => [
          r.id,
          r.updated_at,
        ]),
      );
      for (const source of deps.sources) {
        const at = last.get(source.id);
        if (at && at > cutoff) continue;
        try {
          const result = await syncSource(deps.db, await source.read(), 'sync', {
            emit: (trx, events) => deps.bus.emitInTransaction(trx, events),
          });
          await deps.bus.flush(result.outbox);
          synced.push({ id: source.id, revision: result.revision, changed: result.outbox.length > 0 });
          deps.log.info(
            {
              sourceId: source.id,
              revision: result.revision,
              upserted: result.upserted.length,
              deleted: result.deleted.length,
            },
            're-index synced source',
          );
        } catch (err) {
          failed.push(source.id);
          deps.log.error({ err, sourceId: source.id }, 're-index of source failed');
        }
      }
      return { status: 'done' as const, synced, failed };
    } finally {
      await sql`select pg_advisory_unlock(${REINDEX_LOCK_KEY})`.execute(conn);
    }
  });
}

/**
 * Checks every `min(interval / 4, 1 h)` whether a re-index is due. Checking often against the stored sync
 * times (instead of one timer per interval) keeps the schedule across restarts and replicas.
 */
export function scheduleReindex(deps: ReindexDeps): { stop(): Promise<void> } {
  let running: Promise<unknown> | undefined;
  const every = Math.max(1000, Math.min(deps.intervalMs / 4, 3_600_000));
  const timer = setInterval(() => {
    running ??= reindexIfDue(deps)
      .catch((err: unknown) => deps.log.error({ err }, 're-index check failed'))
      .finally(() => (running = undefined));
  }, every);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
