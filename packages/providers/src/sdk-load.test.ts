import { describe, expect, it } from '@jest/globals';
import { clientOf, onFirstUse } from './sdk-load.js';

describe('onFirstUse', () => {
  it('loads once for every caller, and again after a failed load', async () => {
    let loads = 0;
    let fail = true;
    const get = onFirstUse(async () => {
      loads += 1;
      if (fail) throw new Error('no network');
      return { loads };
    });
    expect(loads).toBe(0);
    await expect(get()).rejects.toThrow('no network');
    fail = false;
    const [a, b] = await Promise.all([get(), get()]);
    expect(a).toBe(b);
    expect(loads).toBe(2);
  });
});

describe('clientOf', () => {
  it('starts loading when built, and a failure then is reported by the call that needs the client', async () => {
    let loads = 0;
    const get = clientOf(async () => {
      loads += 1;
      if (loads === 1) throw new Error('not yet');
      return 'client';
    });
    expect(loads).toBe(1);
    // The start-up load has failed by the time the client is first needed.
    await new Promise((resolve) => setImmediate(resolve));
    await expect(get()).resolves.toBe('client');
    expect(loads).toBe(2);
  });
});
