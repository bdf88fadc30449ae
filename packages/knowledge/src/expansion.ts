import type { WordVectors } from '@parley/word-vectors';

export interface Neighbour {
  term: string;
  similarity: number;
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
  private cache = new Map<string, Neighbour[]>();

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
    if (this.cache.size > 0) this.cache = new Map();
  }

  /** Up to `k` index terms most similar to `word` with cosine >= `minSimilarity`, best first. */
  neighbours(word: string, k: number, minSimilarity: number): Neighbour[] {
    const key = `${word}\u0000${k}\u0000${minSimilarity}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const v = this.vectors.vector(word);
    const out: Neighbour[] = [];
    if (v) {
      let norm = 0;
      for (let i = 0; i < this.dim; i++) norm += v[i]! * v[i]!;
      const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      const { dim, matrix } = this;
      for (let row = 0; row < this.terms.length; row++) {
        const base = row * dim;
        let dot = 0;
        for (let i = 0; i < dim; i++) dot += v[i]! * matrix[base + i]!;
        dot *= inv;
        if (dot < minSimilarity) continue;
        if (out.length === k && dot <= out[k - 1]!.similarity) continue;
        out.push({ term: this.terms[row]!, similarity: dot });
        out.sort((a, b) => b.similarity - a.similarity || (a.term < b.term ? -1 : 1));
        if (out.length > k) out.pop();
      }
    }
    if (this.cache.size > 50_000) this.cache = new Map();
    this.cache.set(key, out);
    return out;
  }

  /** The vocabulary row of an index term, or undefined when none of its words has a vector. */
  row(term: string): number | undefined {
    return this.rowOf.get(term);
  }

  /**
   * Cosine of `word` to vocabulary rows, computed on demand and remembered for the lifetime of the
   * returned function (one query), so a reranker pays only for the rows its candidates contain.
   * Undefined when the word has no vector.
   */
  similarityTo(word: string): ((row: number) => number) | undefined {
    const v = this.vectors.vector(word);
    if (!v) return undefined;
    let norm = 0;
    for (let i = 0; i < this.dim; i++) norm += v[i]! * v[i]!;
    if (norm === 0) return undefined;
    const inv = 1 / Math.sqrt(norm);
    const memo = new Float32Array(this.terms.length).fill(Number.NaN);
    const { dim, matrix } = this;
    return (row) => {
      const known = memo[row]!;
      if (!Number.isNaN(known)) return known;
      let dot = 0;
      const base = row * dim;
      for (let i = 0; i < dim; i++) dot += v[i]! * matrix[base + i]!;
      memo[row] = dot * inv;
      return dot * inv;
    };
  }

  memoryBytes(): number {
    return this.matrix.byteLength + this.terms.length * 48;
  }
}
