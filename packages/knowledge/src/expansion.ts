import type { WordVectors } from '@parley/word-vectors';
import { LRUCache } from 'lru-cache';

export interface Neighbour {
  term: string;
  similarity: number;
}

/** How many words keep their cosines to the vocabulary between queries (`maxSimilarity`). */
export const SIMILARITY_WORDS = 256;
/**
 * How many (word, k, floor) answers of `neighbours` are kept, the least recently used forgotten first: the
 * words of a day's tickets, not every word ever asked about, so a long-running service does not grow with the
 * variety of what it reads.
 */
export const NEIGHBOUR_ANSWERS = 4096;
/**
 * How many words keep each group's answer of `maxSimilarity` after their cosines are forgotten: a few numbers a
 * word rather than one a vocabulary row, so far more words than `SIMILARITY_WORDS`, and a recurring word is not
 * compared with the vocabulary again.
 */
export const BEST_WORDS = 1024;

interface Similarity {
  v: Float32Array;
  inv: number;
  /** Float32: a cosine needs no more, and 256 words' memos of a large vocabulary add up. */
  memo: Float32Array;
}

/**
 * Nearest index terms of a word in word-vector space, for query expansion: "postage" finds "shipping"
 * when the help centre never says "postage". Candidates are restricted to the index's own vocabulary
 * (one vector per analysed term, from the first surface word seen with a vector), so an expansion can
 * always match something. The vocabulary only grows; terms whose documents were all removed are
 * filtered by the caller. Answers are cached per word until the vocabulary next grows.
 */
export class TermNeighbours {
  private readonly dim: number;
  private terms: string[] = [];
  private readonly rowOf = new Map<string, number>();
  private matrix: Float32Array;
  private readonly cache = new LRUCache<string, Neighbour[]>({ max: NEIGHBOUR_ANSWERS });
  /** Per word: its vector, the inverse of its norm and the cosines computed so far (NaN: not yet). */
  private readonly similarities = new Map<string, Similarity | null>();
  /** Per word: group -> the largest cosine to its rows (`maxSimilarity`). */
  private readonly bests = new LRUCache<string, Map<number, number>>({ max: BEST_WORDS });

  constructor(private readonly vectors: WordVectors) {
    this.dim = vectors.dim;
    this.matrix = new Float32Array(1024 * this.dim);
  }

  get size(): number {
    return this.terms.length;
  }

  /** Registers an index term under one of its surface words; a word with no vector is ignored. */
  add(term: string, word: string): void {
    if (this.rowOf.has(term)) return;
    const v = this.vectors.vector(word);
    if (!v) return;
    let norm = 0;
    for (let i = 0; i < this.dim; i++) norm += v[i]! * v[i]!;
    if (norm === 0) return;
    const row = this.terms.length;
    if ((row + 1) * this.dim > this.matrix.length) {
      const grown = new Float32Array(this.matrix.length * 2);
      grown.set(this.matrix);
      this.matrix = grown;
    }
    const inv = 1 / Math.sqrt(norm);
    for (let i = 0; i < this.dim; i++) this.matrix[row * this.dim + i] = v[i]! * inv;
    this.terms.push(term);
    this.rowOf.set(term, row);
    this.cache.clear();
  }

  /** Up to `k` index terms most similar to `word` with cosine >= `minSimilarity`, best first. */
  neighbours(word: string, k: number, minSimilarity: number): Neighbour[] {
    const key = `${word}\u0000${k}\u0000${minSimilarity}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const out: Neighbour[] = [];
    const known = this.known(word);
    if (known !== null) {
      // Every row's cosine, kept with the word: the soft matcher (`maxSimilarity`) reads the same cosines for
      // the same query's words, so the vocabulary is scanned once per word rather than once for each.
      const memo = this.cosines(known);
      for (let row = 0; row < this.terms.length; row++) {
        const cosine = memo[row]!;
        if (cosine < minSimilarity) continue;
        if (out.length === k && cosine <= out[k - 1]!.similarity) continue;
        out.push({ term: this.terms[row]!, similarity: cosine });
        out.sort((a, b) => b.similarity - a.similarity || (a.term < b.term ? -1 : 1));
        if (out.length > k) out.pop();
      }
    }
    this.cache.set(key, out);
    return out;
  }

  /** The word's cosine to every vocabulary row, computed where not yet known. */
  private cosines(known: Similarity): Float32Array {
    const memo = this.memoOf(known);
    const { v, inv } = known;
    const { dim, matrix } = this;
    for (let row = 0; row < memo.length; row++) {
      if (!Number.isNaN(memo[row]!)) continue;
      memo[row] = cosineAt(v, matrix, row * dim, dim, inv);
    }
    return memo;
  }

  /** The word's memo, grown to the vocabulary's size (new rows not yet known). */
  private memoOf(known: Similarity): Float32Array {
    if (known.memo.length < this.terms.length) {
      const grown = new Float32Array(this.terms.length).fill(Number.NaN);
      grown.set(known.memo);
      known.memo = grown;
    }
    return known.memo;
  }

  /** The vocabulary row of an index term, or undefined when none of its words has a vector. */
  row(term: string): number | undefined {
    return this.rowOf.get(term);
  }

  /**
   * The largest cosine of `word` to any of `rows`, or undefined when the word has no vector. Rows never change
   * once added, so what was computed is kept with the word across queries (the words customers use recur from
   * ticket to ticket): the last `SIMILARITY_WORDS` words asked for keep their cosine to each vocabulary row
   * computed so far, and the last `BEST_WORDS` their answer for each `group`. The caller names a group only for
   * rows that never change under that name (an index's article slot: a changed article gets a new slot), so a
   * group's answer is read instead of scanning its rows again.
   */
  maxSimilarity(word: string, group: number, rows: Int32Array): number | undefined {
    const bests = this.bests.get(word);
    const cached = bests?.get(group);
    if (cached !== undefined) return cached;
    const known = this.known(word);
    if (known === null) return undefined;
    const memo = this.memoOf(known);
    const { v, inv } = known;
    const { dim, matrix } = this;
    let best = Number.NEGATIVE_INFINITY;
    for (const row of rows) {
      let cosine = memo[row]!;
      if (Number.isNaN(cosine)) {
        cosine = cosineAt(v, matrix, row * dim, dim, inv);
        memo[row] = cosine;
      }
      if (cosine > best) best = cosine;
    }
    if (bests) bests.set(group, best);
    else this.bests.set(word, new Map([[group, best]]));
    return best;
  }

  /** Whether `word` has a vector to compare. */
  hasVector(word: string): boolean {
    return this.known(word) !== null;
  }

  /** A word's kept cosines, made when first asked for; the least recently used word is forgotten first. */
  private known(word: string): Similarity | null {
    let known = this.similarities.get(word);
    if (known === undefined) {
      known = this.similarityOf(word);
      if (this.similarities.size >= SIMILARITY_WORDS) {
        this.similarities.delete(this.similarities.keys().next().value!);
      }
    } else this.similarities.delete(word);
    // Re-inserted: the map's order is the order of last use.
    this.similarities.set(word, known);
    return known;
  }

  private similarityOf(word: string): Similarity | null {
    const v = this.vectors.vector(word);
    if (!v) return null;
    let norm = 0;
    for (let i = 0; i < this.dim; i++) norm += v[i]! * v[i]!;
    if (norm === 0) return null;
    return {
      v,
      inv: 1 / Math.sqrt(norm),
      memo: new Float32Array(this.terms.length).fill(Number.NaN),
    };
  }

  memoryBytes(): number {
    let memos = 0;
    for (const s of this.similarities.values()) memos += s ? s.memo.byteLength : 0;
    for (const b of this.bests.values()) memos += 64 + b.size * 40;
    return this.matrix.byteLength + this.terms.length * 48 + memos;
  }
}

/**
 * The cosine of a word vector (`inv`: the inverse of its norm) and the unit row at `base`, rounded to float32 as
 * the memo keeps it, so a first answer equals every later one.
 */
function cosineAt(v: Float32Array, matrix: Float32Array, base: number, dim: number, inv: number): number {
  let dot = 0;
  for (let i = 0; i < dim; i++) dot += v[i]! * matrix[base + i]!;
  return Math.fround(dot * inv);
}
