import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEFAULT_HELP_CENTRE_DIR } from '@parley/demo-store';
import type { TestDb } from '@parley/db/testing';
import { createTestDb } from '@parley/db/testing';
import type { IngestResult } from '@parley/knowledge';
import { contentHash } from '@parley/knowledge';
import { HELP_CENTRE_SOURCE, ingestHelpCentre } from '../src/knowledge/help-centre.js';
import { loadAllChunks, syncSource } from '../src/knowledge/store.js';

let t: TestDb;
let fresh: IngestResult;
beforeAll(async () => {
  t = await createTestDb('retrievalstore');
  fresh = await ingestHelpCentre(DEFAULT_HELP_CENTRE_DIR);
});
afterAll(async () => {
  await t.drop();
});

const outboxSubjects = async () =>
  (await t.db.selectFrom('outbox').select('subject').execute()).map((r) => r.subject);

describe('syncSource', () => {
  it('ingests into an empty store as revision 1 and announces it', async () => {
    const r = await syncSource(t.db, fresh, 'if-empty');
    expect(r.revision).toBe(1);
    expect(r.upserted).toHaveLength(fresh.chunks.length);
    const { chunks, revisions } = await loadAllChunks(t.db);
    expect(chunks.map((c) => c.id).sort()).toEqual(fresh.chunks.map((c) => c.id).sort());
    expect(revisions.get(HELP_CENTRE_SOURCE)).toBe(1);
    expect(await outboxSubjects()).toEqual(['kb.changed.v1']);
  });

  it('leaves a filled store alone in if-empty mode and changes nothing when content is the same', async () => {
    expect((await syncSource(t.db, fresh, 'if-empty')).upserted).toEqual([]);
    const same = await syncSource(t.db, fresh, 'sync');
    expect([same.revision, same.upserted, same.deleted, same.outbox]).toEqual([1, [], [], []]);
  });

  it('writes only changed chunks, deletes vanished ones and bumps the revision', async () => {
    const [edited, dropped, ...rest] = fresh.chunks;
    const text = `${edited!.text} Updated.`;
    const next: IngestResult = {
      ...fresh,
      chunks: [{ ...edited!, text, contentHash: contentHash(text) }, ...rest],
    };
    const r = await syncSource(t.db, next, 'sync');
    expect([r.revision, r.upserted, r.deleted]).toEqual([2, [edited!.id], [dropped!.id]]);
    const stored = (await loadAllChunks(t.db)).chunks;
    expect(stored.find((c) => c.id === edited!.id)?.text).toBe(text);
    expect(stored.some((c) => c.id === dropped!.id)).toBe(false);
    expect(await outboxSubjects()).toEqual(['kb.changed.v1', 'kb.changed.v1']);
  });
});
