import { DEFAULT_BM25 } from './bm25.js';
import { analyse } from './text.js';
import type { ChunkRecord } from './types.js';

/**
 * BM25 split into a document side and a query side so a vector store can score it as a sparse dot product:
 *
 * - Terms are the sparse analyser's (`analyse`: lower-cased words, stop words dropped, Porter-stemmed).
 * - A term's index is its 32-bit FNV-1a hash (UTF-8 bytes, unsigned), so no vocabulary has to be shared
 *   between writers and readers. Two terms can collide (about a 1% chance that any pair collides in a
 *   10k-term vocabulary); a collision only merges those two terms' counts.
 * - Document values: title and heading terms count twice (as in the embedded BM25F), then
 *   `tf * (k1 + 1) / (tf + k1 * (1 - b + b * len / AVG_LEN))` with k1 1.2, b 0.75. A store holds no corpus
 *   statistics, so the average length is the constant `AVG_LEN`.
 * - Query values: the term's IDF, `ln(1 + (N - df + 0.5) / (df + 0.5))`, from document frequencies the
 *   index keeps in memory (1 for every term when it has none). Dot product = BM25 of the query.
 */
export const AVG_LEN = 100;

export interface SparseTerms {
  indices: number[];
  values: number[];
}

/** FNV-1a over the UTF-8 bytes of `term`, as an unsigned 32-bit integer. */
export function termIndex(term: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(term, 'utf8')) h = Math.imul(h ^ byte, 0x01000193);
  return h >>> 0;
}

function counts(chunk: Pick<ChunkRecord, 'title' | 'section' | 'text'>): Map<number, number> {
  const tf = new Map<number, number>();
  const add = (text: string, weight: number) => {
    for (const term of analyse(text)) {
      const i = termIndex(term);
      tf.set(i, (tf.get(i) ?? 0) + weight);
    }
  };
  add(chunk.title, DEFAULT_BM25.titleWeight);
  add(chunk.section, DEFAULT_BM25.headingWeight);
  add(chunk.text, 1);
  return tf;
}

/** The document side of BM25 for one chunk, indices ascending. */
export function documentSparseVector(chunk: Pick<ChunkRecord, 'title' | 'section' | 'text'>): SparseTerms {
  const tf = counts(chunk);
  let len = 0;
  for (const n of tf.values()) len += n;
  const { k1, b } = DEFAULT_BM25;
  const norm = k1 * (1 - b + (b * len) / AVG_LEN);
  const indices = [...tf.keys()].sort((x, y) => x - y);
  return { indices, values: indices.map((i) => (tf.get(i)! * (k1 + 1)) / (tf.get(i)! + norm)) };
}

/** Distinct query term indices (a repeated word does not count twice), ascending. */
export function queryTermIndices(query: string): number[] {
  return [...new Set(analyse(query).map(termIndex))].sort((x, y) => x - y);
}

/** Document frequencies per term index, kept current as chunks come and go. */
export class TermStats {
  private readonly df = new Map<number, number>();
  private readonly termsOf = new Map<string, Uint32Array>();

  get documents(): number {
    return this.termsOf.size;
  }

  has(id: string): boolean {
    return this.termsOf.has(id);
  }

  set(id: string, indices: readonly number[]): void {
    this.delete(id);
    const own = Uint32Array.from(indices);
    this.termsOf.set(id, own);
    for (const i of own) this.df.set(i, (this.df.get(i) ?? 0) + 1);
  }

  delete(id: string): boolean {
    const own = this.termsOf.get(id);
    if (!own) return false;
    for (const i of own) {
      const n = (this.df.get(i) ?? 1) - 1;
      if (n <= 0) this.df.delete(i);
      else this.df.set(i, n);
    }
    this.termsOf.delete(id);
    return true;
  }

  /** BM25 IDF; 1 for every term while no document is known. */
  idf(index: number): number {
    const n = this.documents;
    if (n === 0) return 1;
    const df = this.df.get(index) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }
}
