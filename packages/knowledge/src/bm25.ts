import { analyse } from './text.js';
import { TopK } from './topk.js';

export interface Bm25Options {
  /** Term-frequency saturation. Chunks are short, so a moderate value. */
  k1?: number;
  /** Length normalisation strength. */
  b?: number;
  /** How many times a title term counts relative to a body term. */
  titleWeight?: number;
  /** How many times a section-heading term counts relative to a body term. */
  headingWeight?: number;
}

export const DEFAULT_BM25: Required<Bm25Options> = { k1: 1.2, b: 0.75, titleWeight: 2, headingWeight: 2 };

/** A query term and how much it counts: 1 for the user's own words, less for expansions. */
export interface WeightedTerm {
  term: string;
  weight: number;
}

export interface SparseFields {
  title: string;
  heading: string;
  text: string;
  /**
   * Terms the document holds beyond its words (an answer kind it gives, `#duration`), each counted once and
   * not in its length.
   */
  markers?: readonly string[];
}

class Postings {
  docs = new Int32Array(4);
  tfs = new Float32Array(4);
  n = 0;
  df = 0;

  add(slot: number, tf: number): void {
    if (this.n === this.docs.length) {
      const docs = new Int32Array(this.n * 2);
      docs.set(this.docs);
      this.docs = docs;
      const tfs = new Float32Array(this.n * 2);
      tfs.set(this.tfs);
      this.tfs = tfs;
    }
    this.docs[this.n] = slot;
    this.tfs[this.n] = tf;
    this.n++;
  }
}

/**
 * BM25 over weighted fields (a BM25F-style single score: field term counts are weighted before
 * saturation). Documents live in caller-assigned slots; removal only flags the slot, and postings of dead
 * slots are dropped by `compact`, which the owner calls with the new slot numbering.
 */
export class Bm25Index {
  private readonly opts: Required<Bm25Options>;
  private readonly terms = new Map<string, Postings>();
  private docTerms: (Postings[] | undefined)[] = [];
  private docLen = new Float32Array(1024);
  private alive = new Uint8Array(1024);
  private acc = new Float64Array(1024);
  // Slots with a score from the last search (the first `touchedCount`); cleared at the start of the next
  // one so that scores of documents outside the top `depth` can still be read (for fusion and confidence).
  // A reused typed array: a growing JS array per query was a tenth of query time in garbage collection.
  private touched = new Int32Array(1024);
  private touchedCount = 0;
  // Which search the accumulators belong to, so a stale `scoreOf` can tell.
  private generation = 0;
  // k1 * (1 - b + b * len / avgLen) per slot, refreshed on the first search after any change.
  private norms = new Float64Array(1024);
  private normsStale = true;
  private liveDocs = 0;
  private totalLen = 0;
  private deadPostings = 0;
  private livePostings = 0;

  constructor(options: Bm25Options = {}) {
    this.opts = { ...DEFAULT_BM25, ...options };
    for (const [k, v] of Object.entries(this.opts)) {
      if (!(v >= 0) || !Number.isFinite(v)) throw new Error(`bm25 option ${k} must be a finite number >= 0`);
    }
    if (this.opts.b > 1) throw new Error('bm25 option b must be in 0..1');
  }

  get size(): number {
    return this.liveDocs;
  }

  get vocabularySize(): number {
    return this.terms.size;
  }

  /** Live documents holding `term` (an analysed term). */
  df(term: string): number {
    return this.terms.get(term)?.df ?? 0;
  }

  /** Fraction of stored postings that belong to removed documents. */
  get garbageRatio(): number {
    const all = this.deadPostings + this.livePostings;
    return all === 0 ? 0 : this.deadPostings / all;
  }

  private ensure(slot: number): void {
    if (slot < this.alive.length) return;
    let cap = this.alive.length;
    while (cap <= slot) cap *= 2;
    const len = new Float32Array(cap);
    len.set(this.docLen);
    this.docLen = len;
    const alive = new Uint8Array(cap);
    alive.set(this.alive);
    this.alive = alive;
    this.acc = new Float64Array(cap);
    this.touched = new Int32Array(cap);
    this.touchedCount = 0;
  }

  add(slot: number, fields: SparseFields): void {
    this.ensure(slot);
    if (this.alive[slot]) throw new Error(`slot ${slot} already holds a document`);
    const tf = new Map<string, number>();
    let len = 0;
    const count = (text: string, weight: number): void => {
      for (const term of analyse(text)) {
        tf.set(term, (tf.get(term) ?? 0) + weight);
        len += weight;
      }
    };
    count(fields.title, this.opts.titleWeight);
    count(fields.heading, this.opts.headingWeight);
    count(fields.text, 1);
    // Not words: they leave the document's length, and so every word's score, as it was.
    for (const m of new Set(fields.markers ?? [])) tf.set(m, (tf.get(m) ?? 0) + 1);
    const own: Postings[] = [];
    for (const [term, f] of tf) {
      let p = this.terms.get(term);
      if (!p) {
        p = new Postings();
        this.terms.set(term, p);
      }
      p.add(slot, f);
      p.df++;
      own.push(p);
    }
    this.docTerms[slot] = own;
    this.normsStale = true;
    this.docLen[slot] = len;
    this.alive[slot] = 1;
    this.liveDocs++;
    this.totalLen += len;
    this.livePostings += own.length;
  }

  remove(slot: number): void {
    if (!this.alive[slot]) return;
    const own = this.docTerms[slot] ?? [];
    for (const p of own) p.df--;
    this.alive[slot] = 0;
    this.docTerms[slot] = undefined;
    this.normsStale = true;
    this.liveDocs--;
    this.totalLen -= this.docLen[slot]!;
    this.livePostings -= own.length;
    this.deadPostings += own.length;
  }

  /** Renumbers slots (`map[old]` is the new slot, or -1 for a removed one) and drops dead postings. */
  compact(map: Int32Array, newCapacity: number): void {
    for (const [term, p] of this.terms) {
      let w = 0;
      for (let i = 0; i < p.n; i++) {
        const to = map[p.docs[i]!]!;
        if (to < 0 || !this.alive[p.docs[i]!]) continue;
        p.docs[w] = to;
        p.tfs[w] = p.tfs[i]!;
        w++;
      }
      p.n = w;
      if (w === 0) this.terms.delete(term);
    }
    const docTerms: (Postings[] | undefined)[] = [];
    const cap = Math.max(1024, newCapacity);
    const docLen = new Float32Array(cap);
    const alive = new Uint8Array(cap);
    for (let old = 0; old < map.length; old++) {
      const to = map[old]!;
      if (to < 0 || !this.alive[old]) continue;
      docTerms[to] = this.docTerms[old];
      docLen[to] = this.docLen[old]!;
      alive[to] = 1;
    }
    this.docTerms = docTerms;
    this.docLen = docLen;
    this.alive = alive;
    this.acc = new Float64Array(cap);
    this.touched = new Int32Array(cap);
    this.touchedCount = 0;
    this.normsStale = true;
    this.deadPostings = 0;
  }

  private idf(df: number): number {
    return Math.log(1 + (this.liveDocs - df + 0.5) / (df + 0.5));
  }

  /**
   * Top `depth` slots for a query, plus the query's attainable maximum: the score of a document holding
   * every query term at saturation. score / maxScore is the share of the query's (idf-weighted) meaning
   * that the document matches; a query term the index has never seen counts at the highest idf. Weighted
   * terms (expansions) add weight x their usual contribution, and to the maximum only what they add
   * beyond the user's own words, so score / maxScore stays within 0..1.
   */
  search(
    query: string | readonly WeightedTerm[],
    depth: number,
  ): { hits: { slot: number; score: number }[]; maxScore: number; scoreOf: (slot: number) => number } {
    const { k1, b } = this.opts;
    const acc = this.acc;
    const touched = this.touched;
    for (let i = 0; i < this.touchedCount; i++) acc[touched[i]!] = 0;
    let count = 0;
    const generation = ++this.generation;
    const unique: readonly WeightedTerm[] =
      typeof query === 'string' ? [...new Set(analyse(query))].map((term) => ({ term, weight: 1 })) : query;
    const avg = this.liveDocs > 0 ? this.totalLen / this.liveDocs : 1;
    if (this.normsStale) {
      if (this.norms.length !== this.docLen.length) this.norms = new Float64Array(this.docLen.length);
      for (let slot = 0; slot < this.docLen.length; slot++)
        this.norms[slot] = k1 * (1 - b + (b * this.docLen[slot]!) / avg);
      this.normsStale = false;
    }
    let maxScore = 0;
    for (const { term, weight: w } of unique) {
      const p = this.terms.get(term);
      if (!p || p.df === 0) {
        if (w >= 1) maxScore += this.idf(0) * (k1 + 1);
        continue;
      }
      const weight = w * this.idf(p.df) * (k1 + 1);
      if (w >= 1) maxScore += weight;
      const { docs, tfs, n } = p;
      const alive = this.alive;
      const norms = this.norms;
      for (let i = 0; i < n; i++) {
        const slot = docs[i]!;
        if (alive[slot] === 0) continue;
        const tf = tfs[i]!;
        if (acc[slot] === 0) touched[count++] = slot;
        acc[slot]! += (weight * tf) / (tf + norms[slot]!);
      }
    }
    this.touchedCount = count;
    const top = new TopK(depth);
    for (let i = 0; i < count; i++) top.push(touched[i]!, acc[touched[i]!]!);
    // Valid until the next search: callers read it synchronously.
    const scoreOf = (slot: number): number =>
      generation === this.generation ? (acc[slot] ?? 0) : Number.NaN;
    return { hits: top.sorted(), maxScore, scoreOf };
  }

  /** Approximate bytes held by postings and per-document arrays. */
  memoryBytes(): number {
    let bytes = this.docLen.byteLength + this.alive.byteLength + this.acc.byteLength;
    for (const [term, p] of this.terms) bytes += p.docs.byteLength + p.tfs.byteLength + 64 + term.length * 2;
    for (const own of this.docTerms) if (own) bytes += 16 + own.length * 8;
    return bytes;
  }
}
