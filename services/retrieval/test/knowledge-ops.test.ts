import { createHash } from 'node:crypto';
import { anonymousTurn, localRouting } from '@parley/contracts/testing';
import { mkdtemp, mkdir, realpath, symlink, writeFile } from 'node:fs/promises';
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
let base: string;
let kbRoot: string;
let kbDir: string;
let config: ReturnType<typeof readServiceConfig>;
// The ingestion clock of replica a: frozen unless a test steps it.
let now = 0;
let step = 0;
const seen: EnvelopeBase[] = [];

async function writeKb(files: Record<string, string>): Promise<void> {
  for (const [name, text] of Object.entries(files)) await writeFile(join(kbDir, name), text);
}

const article = (id: string, title: string, body: string) =>
  `---\nid: ${id}\ntitle: ${title}\n---\n# ${title}\n\n## Details\n\n${body}\n\n## Contact\n\nWrite to the keeper desk.\n`;

beforeAll(async () => {
  h = await createBusHarness('retrievalops');
  base = await realpath(await mkdtemp(join(tmpdir(), 'kb-ops-')));
  kbRoot = join(base, 'kb-root');
  kbDir = join(kbRoot, 'ops');
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
  config = readServiceConfig({
    ...h.env(),
    RETRIEVAL_PORT: '0',
    RETRIEVAL_ADMIN_KEYS: ADMIN_KEY,
    RETRIEVAL_REINDEX_INTERVAL: '0',
    RETRIEVAL_KB_ROOTS: kbRoot,
    RETRIEVAL_KB_MAX_FILES: '40',
    RETRIEVAL_KB_MAX_BYTES: '16k',
    RETRIEVAL_KB_MAX_FILE_BYTES: '4k',
    RETRIEVAL_KB_MAX_DEPTH: '3',
    RETRIEVAL_KB_TIME_LIMIT: '30s',
  });
  // Two replicas on one prefix and schema: the durable consumer is shared, kb.changed reaches both.
  a = await startService(buildService(config, { embedder: hashingEmbedder(), clock: () => (now += step) }));
  b = await startService(buildService(config, { embedder: hashingEmbedder() }), { migrate: false });
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
        routing: localRouting({ intent: 'other' }),
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
    expect(missing.status).toBe(422);
    expect(await missing.json()).toEqual({
      error: 'path_refused',
      message: 'kb-root/ops/nope: no such file or folder',
    });
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
      skipped: [expect.objectContaining({ origin: 'kb-root/ops/notes.txt', reason: 'unsupported' })],
    });
    expect(JSON.stringify(report)).not.toContain(base);
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
    // By root name: the client needs no server path at all.
    const res = await ingest({ path: 'kb-root/ops', sourceId: 'ops-kb', kind: 'markdown-dir' }, ROW_KEY);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      revision: 2,
      chunks: { upserted: 1, unchanged: 1, deleted: 0 },
    });
    const again = await applyIngest(
      { db: h.db.db, bus: await h.bus(), paths: { kind: 'operator' }, limits: config.ingestLimits },
      { path: kbDir, sourceId: 'ops-kb' },
    );
    expect(again).toMatchObject({ revision: 2, chunks: { upserted: 0, unchanged: 2, deleted: 0 } });
    await waitFor('three kb.changed events for ops-kb', async () => (await h.count('kb.changed.v1')) === 3);
    let n = 0;
    await waitFor('the edit to be served', async () => {
      const [top] = await passagesFor(`ops-b-${n++}`, 'starlight combing quokka');
      return top?.articleId === 'quokka-care' && top.text.includes('starlight');
    });
  });

  async function storeState() {
    const sources = await h.db.db
      .selectFrom('kb_sources')
      .select(['id', 'revision', 'updated_at'])
      .orderBy('id')
      .execute();
    const chunks = await h.db.db
      .selectFrom('kb_chunks')
      .select(['id', 'content_hash', 'updated_at'])
      .orderBy('id')
      .execute();
    return { sources, chunks, changed: await h.count('kb.changed.v1') };
  }

  /** A refused ingest: the status, the exact error, and no server path, errno or OS message in the body. */
  async function refused(body: Record<string, unknown>, status: number, error: string): Promise<unknown> {
    const res = await ingest({ sourceId: 'ops-kb', ...body });
    const text = await res.text();
    expect({ path: body.path, status: res.status }).toEqual({ path: body.path, status });
    for (const leak of [base, 'ENOENT', 'EACCES', 'ELOOP', 'ENOTDIR', 'errno', 'no such file or directory'])
      expect(text).not.toContain(leak);
    const parsed = JSON.parse(text) as { message: string };
    expect({ path: body.path, error: parsed.message }).toEqual({ path: body.path, error });
    return parsed;
  }

  it('never reads outside the knowledge roots, stops at every limit, and then changes nothing', async () => {
    const article = (title: string, pad = 0) => `# ${title}\n\n${title} help. ${'x'.repeat(pad)}\n`;
    const files = async (dir: string, entries: Record<string, string>) => {
      for (const [name, text] of Object.entries(entries)) {
        await mkdir(join(kbRoot, dir, name, '..'), { recursive: true });
        await writeFile(join(kbRoot, dir, name), text);
      }
    };
    await mkdir(join(base, 'private'), { recursive: true });
    await writeFile(join(base, 'private', 'secret.md'), article('Secret'));
    await files(
      'many',
      Object.fromEntries(Array.from({ length: 45 }, (_, i) => [`f${i}.md`, article(`F${i}`)])),
    );
    await files('big', { 'a.md': article('A'), 'huge.md': article('Huge', 5000) });
    await files(
      'heavy',
      Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`h${i}.md`, article(`H${i}`, 3500)])),
    );
    await files('deep', { 'a.md': article('A'), 'a/b/c/d/x.md': article('X') });
    await files('linked', { 'a.md': article('A') });
    await symlink(join(base, 'private', 'secret.md'), join(kbRoot, 'linked', 'leak.md'));
    await symlink('/etc', join(kbRoot, 'escape'));
    await symlink(join(base, 'private'), join(kbRoot, 'private-link'));

    const before = await storeState();
    const outside = 'path: is outside the configured knowledge roots';
    for (const path of [
      '/',
      '/root',
      '/etc',
      '/etc/passwd',
      '/etc/no-such-file',
      '/proc/self/environ',
      join(base, 'private'),
      join(kbRoot, '..', 'private'),
      join(kbRoot, '..', '..', '..', '..', 'etc'),
      'kb-root/../private',
      'kb-root/../../../../../etc',
      '../../etc',
      'kb-root/escape',
      'kb-root/escape/passwd',
      'kb-root/private-link',
      join(kbRoot, 'private-link', 'secret.md'),
      '%2Fetc',
      'kb-root%2F..%2F..%2Fetc',
      '\uff0fetc',
      'kb-root\u2215..\u2215..\u2215etc',
    ])
      await refused({ path }, 422, outside);
    // Encoded and look-alike dots are plain names under the root: there is no such folder.
    for (const path of [
      'kb-root/%2e%2e/%2e%2e/etc',
      'kb-root/..%2f..%2fetc',
      'kb-root/\uff0e\uff0e/\uff0e\uff0e/etc',
      'kb-root/\u2025/etc',
    ])
      await refused({ path }, 422, `${path}: no such file or folder`);
    await refused(
      { path: 'kb-root/linked' },
      422,
      'kb-root/linked/leak.md: is a link that leads outside the source root',
    );
    const limits: [string, string, string][] = [
      ['many', 'files', 'kb-root/many: source exceeds the file-count limit (40 files and folders)'],
      ['big', 'file-bytes', 'kb-root/big/huge.md: source exceeds the per-file size limit (4 KiB)'],
      ['heavy', 'bytes', 'kb-root/heavy: source exceeds the total size limit (16 KiB)'],
      ['deep', 'depth', 'kb-root/deep/a/b/c/d: source exceeds the folder depth limit (3 levels)'],
    ];
    for (const [dir, limit, error] of limits)
      expect(await refused({ path: join(kbRoot, dir) }, 413, error)).toMatchObject({ limit });
    const nul = await ingest({ path: 'kb-root/ops\0/etc' });
    expect(nul.status).toBe(400);
    expect(await storeState()).toEqual(before);
  });

  it('stops an ingestion at the time limit and applies nothing of it', async () => {
    const dir = join(kbRoot, 'slow');
    await mkdir(dir, { recursive: true });
    for (let i = 0; i < 30; i++)
      await writeFile(join(dir, `s${i}.md`), `# Slow ${i}\n\nSlow article ${i}.\n`);
    const before = await storeState();
    step = 1000;
    let res: Response;
    try {
      res = await ingest({ path: dir, sourceId: 'ops-slow' });
    } finally {
      step = 0;
    }
    expect(res.status).toBe(413);
    const body = (await res.json()) as { message: string; limit: string };
    expect(body.limit).toBe('time');
    expect(body.message).toMatch(/^kb-root\/slow\/s\d+\.md: source exceeds the time limit \(30 s\)$/);
    expect(await storeState()).toEqual(before);
    // The same folder with the clock standing still: only the limit stopped it.
    const ok = await ingest({ path: dir, sourceId: 'ops-slow' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ sourceId: 'ops-slow', articles: 30, revision: 1 });
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
