import { describe, expect, it } from '@jest/globals';
import type { Seen } from './watch.js';
import { ChatWatch } from './watch.js';

describe('ChatWatch', () => {
  it('wakes a request when its ticket gets a newer message or a new owner, with one check for all', async () => {
    const state = new Map<string, Seen>([
      ['t1', { lastId: '9', owner: 'bot' }],
      ['t2', { lastId: '20', owner: 'bot' }],
    ]);
    const checks: string[][] = [];
    const watch = new ChatWatch({
      maxWaiting: 10,
      intervalMs: 10,
      check: async (ids) => {
        checks.push(ids);
        return new Map(state);
      },
    });
    const first = watch.wait('t1', { lastId: '9', owner: 'bot' }, 60_000)!;
    const second = watch.wait('t2', { lastId: '20', owner: 'bot' }, 60_000)!;
    state.set('t1', { lastId: '10', owner: 'bot' });
    expect(await first).toBe('changed');
    expect(watch.waiting).toBe(1);
    state.set('t2', { lastId: '20', owner: 'agent' });
    expect(await second).toBe('changed');
    expect(checks.some((ids) => ids.length === 2)).toBe(true);
    expect(watch.waiting).toBe(0);
  });

  it('times out, stops for a client that went away, refuses past its bound, and answers all on close', async () => {
    const watch = new ChatWatch({
      maxWaiting: 2,
      intervalMs: 5,
      check: async () => new Map([['t', { lastId: '1', owner: 'bot' }]]),
    });
    expect(await watch.wait('t', { lastId: '1', owner: 'bot' }, 20)).toBe('timeout');
    const gone = new AbortController();
    const a = watch.wait('t', { lastId: '1', owner: 'bot' }, 60_000, gone.signal)!;
    const b = watch.wait('t', { lastId: '1', owner: 'bot' }, 60_000)!;
    expect(watch.wait('t', { lastId: '1', owner: 'bot' }, 60_000)).toBeNull();
    gone.abort();
    expect(await a).toBe('closed');
    watch.close();
    expect(await b).toBe('closed');
    expect(watch.wait('t', { lastId: null, owner: 'bot' }, 10)).toBeNull();
  });
});
