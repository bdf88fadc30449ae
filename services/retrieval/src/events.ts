import type { Database } from '@parley/db';
import type { Registry } from '@parley/telemetry';
import { Gauge } from '@parley/telemetry';
import type { Kysely } from 'kysely';

/** What the gauges read at scrape time. */
export interface KnowledgeSources {
  db: Kysely<Database>;
  index: { readonly size: number };
}

/** Knowledge freshness and size, read at scrape time; no labels. */
export function createRetrievalMetrics(registry: Registry, sources: KnowledgeSources) {
  const { db, index } = sources;
  return {
    oldestSourceAge: new Gauge({
      name: 'knowledge_oldest_source_age_seconds',
      help: 'Seconds since the least recently synced knowledge source last synced successfully (0 with no source)',
      registers: [registry],
      async collect() {
        const row = await db
          .selectFrom('kb_sources')
          .select((eb) => eb.fn.min('updated_at').as('oldest'))
          .executeTakeFirst();
        const oldest = row?.oldest ? new Date(row.oldest as Date).getTime() : null;
        this.set(oldest === null ? 0 : Math.max(0, (Date.now() - oldest) / 1000));
      },
    }),
    chunks: new Gauge({
      name: 'knowledge_chunks',
      help: "Chunks in this replica's knowledge index",
      registers: [registry],
      collect() {
        this.set(index.size);
      },
    }),
  };
}
export type RetrievalMetrics = ReturnType<typeof createRetrievalMetrics>;
