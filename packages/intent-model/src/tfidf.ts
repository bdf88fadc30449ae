import { tokenize } from '@parley/word-vectors';

// Bound once: where the module runs in a vm context (the test runner's), every lookup of the global `Math`
// goes through the context's interceptor, which made training loops many times slower.
const { log, sqrt } = Math;

/** A sparse row: parallel feature indices and values. */
export interface SparseVector {
  idx: Int32Array;
  val: Float32Array;
}

export interface TfidfOptions {
  /** Word n-gram orders, e.g. [1, 2]. */
  wordNgrams: number[];
  /** Character n-gram orders taken inside each space-padded word, e.g. [2, 3, 4, 5]; empty to disable. */
  charNgrams: number[];
  /** Drop terms seen in fewer training texts than this. */
  minDf: number;
  /** Relative weight of the character block against the word block (each block is L2-normalised). */
  charWeight: number;
}

export const DEFAULT_TFIDF: TfidfOptions = {
  wordNgrams: [1, 2],
  charNgrams: [2, 3, 4, 5],
  minDf: 2,
  charWeight: 1,
};

/** Terms of one text, word terms and char terms kept apart so each block can be normalised on its own. */
export function extractTerms(text: string, opts: TfidfOptions): { words: string[]; chars: string[] } {
  const tokens = tokenize(text);
  const words: string[] = [];
  for (const n of opts.wordNgrams) {
    for (let i = 0; i + n <= tokens.length; i++) words.push(`w${n}:${tokens.slice(i, i + n).join(' ')}`);
  }
  const chars: string[] = [];
  for (const token of tokens) {
    const padded = ` ${token} `;
    for (const n of opts.charNgrams) {
      for (let i = 0; i + n <= padded.length; i++) chars.push(`c:${padded.slice(i, i + n)}`);
    }
  }
  return { words, chars };
}

/** TF-IDF with sublinear tf, smooth idf and per-block L2 normalisation (as scikit-learn's TfidfVectorizer). */
export class TfidfVectorizer {
  private readonly index: Map<string, number>;

  constructor(
    readonly options: TfidfOptions,
    readonly terms: string[],
    readonly idf: Float32Array,
  ) {
    this.index = new Map(terms.map((t, i) => [t, i]));
  }

  get size(): number {
    return this.terms.length;
  }

  static fit(texts: string[], options: TfidfOptions = DEFAULT_TFIDF): TfidfVectorizer {
    const df = new Map<string, number>();
    for (const text of texts) {
      const { words, chars } = extractTerms(text, options);
      for (const term of new Set([...words, ...chars])) df.set(term, (df.get(term) ?? 0) + 1);
    }
    const terms = [...df.entries()]
      .filter(([, count]) => count >= options.minDf)
      .map(([term]) => term)
      .sort();
    const n = texts.length;
    const idf = Float32Array.from(terms, (t) => log((1 + n) / (1 + df.get(t)!)) + 1);
    return new TfidfVectorizer(options, terms, idf);
  }

  transform(text: string): SparseVector {
    const { words, chars } = extractTerms(text, this.options);
    const wordBlock = this.block(words, 1);
    const charBlock = this.block(chars, this.options.charWeight);
    const size = wordBlock.size + charBlock.size;
    const idx = new Int32Array(size);
    const val = new Float32Array(size);
    let k = 0;
    for (const block of [wordBlock, charBlock]) {
      for (const [i, v] of block) {
        idx[k] = i;
        val[k++] = v;
      }
    }
    return { idx, val };
  }

  private block(terms: string[], weight: number): Map<number, number> {
    const tf = new Map<number, number>();
    for (const term of terms) {
      const i = this.index.get(term);
      if (i !== undefined) tf.set(i, (tf.get(i) ?? 0) + 1);
    }
    let norm = 0;
    for (const [i, count] of tf) {
      const v = (1 + log(count)) * this.idf[i]!;
      tf.set(i, v);
      norm += v * v;
    }
    if (norm > 0) {
      const scale = weight / sqrt(norm);
      for (const [i, v] of tf) tf.set(i, v * scale);
    }
    return tf;
  }
}
