import type { Database } from '@parley/db';
import type { Registry } from '@parley/telemetry';
import { Gauge } from '@parley/telemetry';
import type { Kysely } from 'kysely';

/** Knowledge freshness and size, read at scrape time. */
export function registerKnowledgeMetrics(
  registry: Registry,
  db: Kysely<Database>,
  index: { readonly size: number },
): void {
  new Gauge({
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
  });
  new Gauge({
    name: 'knowledge_chunks',
    help: "Chunks in this replica's knowledge index",
    registers: [registry],
    collect() {
      this.set(index.size);
    },
  });
}
