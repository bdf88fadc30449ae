import { createHash } from 'node:crypto';
import { anonymousTurn } from '@parley/contracts/testing';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BusHarness } from '@parley/bus/testing';
import { createBusHarness, waitFor } from '@parley/bus/testing';
import type { EnvelopeBase } from '@parley/contracts';
import { makeEvent, TicketRetrieved, TicketRouted } from '@parley/contracts';
import { hashingEmbedder } from '@parley/knowledge';
import type { RunningService } from '@parley/runtime';
import { startService } from '@parley/runtime';
import { createLogger } from '@parley/telemetry';
import { sql } from 'kysely';
import { readServiceConfig } from '../src/config.js';
import { applyIngest } from '../src/ingest/apply-ingest.js';
import { reindexIfDue, REINDEX_LOCK_KEY, reindexSources } from '../src/knowledge/reindex.js';
import { buildService } from '../src/service.js';

const ADMIN_KEY = 'env-admin-key';
const ROW_KEY = 'row-admin-key';
let h: BusHarness;
let a: RunningService;
let b: RunningService;
let kbDir: string;
const seen: EnvelopeBase[] = [];

async function writeKb(files: Record<string, string>): Promise<void> {
  for (const [name, text] of Object.entries(files)) await writeFile(join(kbDir, name), text);
}

const article = (id: string, title: string, body: string) =>
  `---\nid: ${id}\ntitle: ${title}\n---\n# ${title}\n\n## Details\n\n${body}\n\n## Contact\n\nWrite to the keeper desk.\n`;

beforeAll(async () => {
  h = await createBusHarness('retrievalops');
  kbDir = await mkdtemp(join(tmpdir(), 'kb-ops-'));
  await mkdir(kbDir, { recursive: true });
  await h.db.db
    .insertInto('api_keys')
    .values([
      {
        id: 'k1',
        name: 'ops',
        key_hash: createHash('sha256').update(ROW_KEY).digest('hex'),
        scopes: ['admin'],
        workspace_id: 'default',
        revoked_at: null,
      },
      {
        id: 'k2',
        name: 'tickets only',
        key_hash: createHash('sha256').update('tickets-key').digest('hex'),
        scopes: ['tickets'],
        workspace_id: 'default',
        revoked_at: null,
      },
    ])
    .execute();
  h.record('ticket.retrieved.v1', seen);
  const config = readServiceConfig({
    ...h.env(),
    RETRIEVAL_PORT: '0',
    RETRIEVAL_ADMIN_KEYS: ADMIN_KEY,
    RETRIEVAL_REINDEX_INTERVAL: '0',
  });
  // Two replicas on one prefix and schema: the durable consumer is shared, kb.changed reaches both.
  a = await startService(buildService(config, { embedder: hashingEmbedder() }));
  b = await startService(buildService({ ...config, migrate: false }, { embedder: hashingEmbedder() }));
});

afterAll(async () => {
  await a.stop();
  await b.stop();
  await h.close();
});

const ingest = (body: unknown, key: string | null = ADMIN_KEY) =>
  fetch(`${a.url}/v1/kb/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify(body),
  });

async function passagesFor(ticketId: string, body: string) {
  const bus = await h.bus();
  await bus.publish(
    makeEvent(TicketRouted, {
      ticketId,
      payload: {
        turn: 1,
        ticket: anonymousTurn(body),
        routing: {
          intent: 'other',
          confidence: 0.9,
          band: 'auto',
          tier: 'local',
          outOfScope: false,
          sentiment: { score: 0, label: 'neutral' },
          allowedTools: [],
          rules: [],
          router: 'local-model',
        },
      },
    }),
  );
  const event = await waitFor(`ticket.retrieved for ${ticketId}`, () =>
    seen.find((e) => e.ticketId === ticketId),
  );
  return TicketRetrieved.envelope.parse(event).payload.retrieval.passages;
}

describe('knowledge operations', () => {
  it('refuses ingest without an admin key and names a bad body', async () => {
    expect((await ingest({ path: kbDir }, null)).status).toBe(401);
    expect((await ingest({ path: kbDir }, 'wrong')).status).toBe(401);
    // A valid key without the admin scope: forbidden, naming the scope.
    const tickets = await ingest({ path: kbDir }, 'tickets-key');
    expect(tickets.status).toBe(403);
    expect(tickets.headers.get('www-authenticate')).toContain('scope="admin"');
    const bad = await ingest({ path: kbDir, kind: 'pdf' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/^kind: /);
    const missing = await ingest({ path: join(kbDir, 'nope') });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { message: string }).message).toContain('no such file or directory');
  });

  it('ingests through one replica and the other serves it within seconds', async () => {
    await writeKb({
      'quokka.md': article(
        'quokka-care',
        'Quokka care',
        'Feed your quokka plush with moonbeam brushing every week.',
      ),
      'notes.txt': 'not an article',
    });
    const res = await ingest({ path: kbDir, sourceId: 'ops-kb' });
    expect(res.status).toBe(200);
    const report = (await res.json()) as Record<string, unknown>;
    expect(report).toMatchObject({
      sourceId: 'ops-kb',
      kind: 'markdown-dir',
      revision: 1,
      articles: 1,
      chunks: { upserted: 2, unchanged: 0, deleted: 0 },
      skipped: [expect.objectContaining({ reason: 'unsupported' })],
    });
    let n = 0;
    await waitFor('replica b to serve the new article', async () => {
      // Either replica may take a ticket; both must answer from the new article.
      const [top] = await passagesFor(`ops-a-${n++}`, 'how do I brush my quokka with moonbeam');
      return top?.articleId === 'quokka-care';
    });
    await waitFor('both replicas to hold the new chunks', async () => {
      const sizes = await Promise.all(
        [a, b].map(
          async (s) =>
            /knowledge_chunks\{[^}]*\} (\d+)/.exec(await (await fetch(`${s.url}/metrics`)).text())?.[1],
        ),
      );
      const { n } = await h.db.db
        .selectFrom('kb_chunks')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      return sizes.every((x) => Number(x) === Number(n));
    });
  });

  it('writes only what changed on a re-ingest, through the shared use-case, with a row key', async () => {
    await writeKb({
      'quokka.md': article(
        'quokka-care',
        'Quokka care',
        'Feed your quokka plush with starlight combing every week.',
      ),
    });
    const res = await ingest({ path: kbDir, sourceId: 'ops-kb', kind: 'markdown-dir' }, ROW_KEY);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      revision: 2,
      chunks: { upserted: 1, unchanged: 1, deleted: 0 },
    });
    const again = await applyIngest({ db: h.db.db, bus: await h.bus() }, { path: kbDir, sourceId: 'ops-kb' });
    expect(again).toMatchObject({ revision: 2, chunks: { upserted: 0, unchanged: 2, deleted: 0 } });
    await waitFor('three kb.changed events for ops-kb', async () => (await h.count('kb.changed.v1')) === 3);
    let n = 0;
    await waitFor('the edit to be served', async () => {
      const [top] = await passagesFor(`ops-b-${n++}`, 'starlight combing quokka');
      return top?.articleId === 'quokka-care' && top.text.includes('starlight');
    });
  });

  it('ingests an inline Zendesk export and deletes what vanished', async () => {
    const page = (articles: unknown[]) => ({ kind: 'zendesk', sourceId: 'zd', export: { articles } });
    const zd = (id: number, title: string, draft = false) => ({
      id,
      title,
      body: `<p>${title} explained in detail.</p>`,
      html_url: `https://help.example.com/${id}`,
      updated_at: '2026-01-01T00:00:00Z',
      draft,
    });
    const first = await ingest(page([zd(1, 'Walrus returns'), zd(2, 'Walrus sizing'), zd(3, 'Draft', true)]));
    expect(await first.json()).toMatchObject({
      kind: 'zendesk',
      articles: 2,
      chunks: { upserted: 2, deleted: 0 },
      skipped: [expect.objectContaining({ reason: 'draft' })],
    });
    const second = await ingest(page([zd(1, 'Walrus returns')]));
    expect(await second.json()).toMatchObject({
      revision: 2,
      chunks: { upserted: 0, unchanged: 1, deleted: 1 },
    });
    const bad = await ingest({ kind: 'zendesk', sourceId: 'zd', export: { items: [] } });
    expect(bad.status).toBe(400);
  });

  it('re-indexes due sources under an advisory lock and reports freshness', async () => {
    const log = createLogger({ service: 'test', level: 'silent' });
    const deps = {
      db: h.db.db,
      bus: await h.bus(),
      log,
      sources: reindexSources(null, [{ id: 'ops-kb', kind: 'markdown-dir' as const, path: kbDir }]),
      intervalMs: 60_000,
    };
    await sql`update kb_sources set updated_at = now() - interval '2 days' where id = 'ops-kb'`.execute(
      h.db.db,
    );
    const age = async () =>
      Number(
        /knowledge_oldest_source_age_seconds\{[^}]*\} ([\d.e+]+)/.exec(
          await (await fetch(`${b.url}/metrics`)).text(),
        )?.[1],
      );
    expect(await age()).toBeGreaterThan(2 * 86_400 - 60);
    // Another replica holds the lock: this one does nothing.
    const held = await h.db.db.connection().execute(async (conn) => {
      await sql`select pg_advisory_lock(${REINDEX_LOCK_KEY})`.execute(conn);
      try {
        return await reindexIfDue(deps);
      } finally {
        await sql`select pg_advisory_unlock(${REINDEX_LOCK_KEY})`.execute(conn);
      }
    });
    expect(held).toEqual({ status: 'locked' });
    expect(await reindexIfDue(deps)).toEqual({
      status: 'done',
      synced: [{ id: 'ops-kb', revision: 2, changed: false }],
      failed: [],
    });
    // Synced just now: the next check finds nothing due.
    expect(await reindexIfDue(deps)).toEqual({ status: 'done', synced: [], failed: [] });
    expect(await age()).toBeLessThan(2 * 86_400 - 60);
  });
});
