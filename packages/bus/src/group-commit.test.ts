import { describe, expect, it } from '@jest/globals';
import type { Settled } from './group-commit.js';
import { batchLimit, GroupCommit, MAX_BATCH } from './group-commit.js';

/** A commit that records each batch and settles when the test says so. */
function recorder(
  outcome: (item: string) => Settled<string> = (item) => ({ ok: true, value: `done ${item}` }),
) {
  const batches: string[][] = [];
  const release: Array<() => void> = [];
  const commit = async (items: readonly string[]) => {
    batches.push([...items]);
    await new Promise<void>((resolve) => release.push(resolve));
    return items.map(outcome);
  };
  return { batches, release, commit };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('GroupCommit', () => {
  it('commits an item that finds nothing running at once, alone', async () => {
    const r = recorder();
    const group = new GroupCommit(8, r.commit);
    const done = group.submit('a');
    await turn();
    expect(r.batches).toEqual([['a']]);
    r.release.shift()!();
    await expect(done).resolves.toBe('done a');
  });

  it('gathers what becomes ready in the same turn, and while a batch commits, into one batch', async () => {
    const r = recorder();
    const group = new GroupCommit(8, r.commit);
    const first = [group.submit('a'), group.submit('b')];
    await turn();
    const second = [group.submit('c'), group.submit('d'), group.submit('e')];
    await turn();
    // One batch at a time: c, d and e wait for a and b's commit.
    expect(r.batches).toEqual([['a', 'b']]);
    r.release.shift()!();
    await expect(Promise.all(first)).resolves.toEqual(['done a', 'done b']);
    await turn();
    expect(r.batches).toEqual([
      ['a', 'b'],
      ['c', 'd', 'e'],
    ]);
    r.release.shift()!();
    await expect(Promise.all(second)).resolves.toEqual(['done c', 'done d', 'done e']);
  });

  it('never puts more than its limit in one batch', async () => {
    const r = recorder();
    const group = new GroupCommit(2, r.commit);
    const all = ['a', 'b', 'c', 'd', 'e'].map((item) => group.submit(item));
    for (let i = 0; i < 3; i++) {
      await turn();
      r.release.shift()!();
    }
    await Promise.all(all);
    expect(r.batches).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('fails only the item that failed, and every item of a batch whose commit failed', async () => {
    const r = recorder((item) =>
      item === 'bad' ? { ok: false, error: new Error('write failed') } : { ok: true, value: item },
    );
    let failCommit = false;
    const group = new GroupCommit(8, async (items: readonly string[]) => {
      if (failCommit) throw new Error('connection lost');
      return r.commit(items);
    });
    const mixed = ['ok1', 'bad', 'ok2'].map((item) => group.submit(item));
    await turn();
    r.release.shift()!();
    const settled = await Promise.allSettled(mixed);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason).toEqual(new Error('write failed'));

    failCommit = true;
    const lost = await Promise.allSettled(['x', 'y'].map((item) => group.submit(item)));
    expect(lost.map((s) => (s.status === 'rejected' ? (s.reason as Error).message : 'committed'))).toEqual([
      'connection lost',
      'connection lost',
    ]);

    // The next batch runs as usual.
    failCommit = false;
    const after = group.submit('z');
    await turn();
    r.release.shift()!();
    await expect(after).resolves.toBe('z');
  });
});

describe('batchLimit', () => {
  it('is the consumer concurrency, bounded, and one for a consumer that commits alone', () => {
    expect(batchLimit({ concurrency: 8 })).toBe(8);
    expect(batchLimit({ concurrency: 1 })).toBe(1);
    expect(batchLimit({ concurrency: 64 })).toBe(MAX_BATCH);
    expect(batchLimit({ concurrency: 8, commitAlone: true })).toBe(1);
  });
});
