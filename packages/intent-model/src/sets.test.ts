import { describe, expect, it } from '@jest/globals';
import { OUT_OF_SCOPE, readJsonl } from './data.js';
import { INTENT_SETS, intentSetFile } from './sets.js';

// The counts data/<set>/README.md states: a truncated or swapped file fails here, not in a benchmark.
const EXPECTED = {
  banking77: { train: 8998, val: 1005, intents: 77, outOfScope: 0 },
  clinc150: { train: 15100, val: 3100, intents: 151, outOfScope: 100 },
};

describe('shipped intent sets', () => {
  it.each(INTENT_SETS)('%s has the documented splits, intents and out-of-scope rows', async (set) => {
    const [train, val] = await Promise.all([
      readJsonl(intentSetFile(set, 'train')),
      readJsonl(intentSetFile(set, 'val')),
    ]);
    const expected = EXPECTED[set];
    expect(train.length).toBe(expected.train);
    expect(val.length).toBe(expected.val);
    expect(new Set(train.map((e) => e.intent)).size).toBe(expected.intents);
    expect(new Set(val.map((e) => e.intent))).toEqual(new Set(train.map((e) => e.intent)));
    expect(val.filter((e) => e.intent === OUT_OF_SCOPE).length).toBe(expected.outOfScope);
  });
});
