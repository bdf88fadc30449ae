import { sifEmbed, tokenize, type WordVectors } from '@parley/word-vectors';
import type { SparseVector, TfidfVectorizer } from './tfidf.js';

/**
 * The model's input: the TF-IDF row followed by the SIF sentence vector (scaled by `sifScale`) in the
 * `dim` columns after the vocabulary. The sentence vector is also returned for the novelty score.
 */
export class Featurizer {
  constructor(
    readonly tfidf: TfidfVectorizer,
    readonly vectors: WordVectors | undefined,
    readonly sifScale: number,
    readonly sifA: number,
  ) {}

  get usesVectors(): boolean {
    return this.vectors !== undefined && this.sifScale > 0;
  }

  get numFeatures(): number {
    return this.tfidf.size + (this.usesVectors ? this.vectors!.dim : 0);
  }

  /** The normalised SIF sentence vector, or undefined when the model uses no word vectors. */
  sentence(text: string): Float32Array | undefined {
    return this.usesVectors ? sifEmbed(this.vectors!, tokenize(text), { a: this.sifA }) : undefined;
  }

  features(text: string, sentence = this.sentence(text)): SparseVector {
    const x = this.tfidf.transform(text);
    if (!sentence) return x;
    const n = x.idx.length;
    const idx = new Int32Array(n + sentence.length);
    const val = new Float32Array(n + sentence.length);
    idx.set(x.idx);
    val.set(x.val);
    const base = this.tfidf.size;
    for (let d = 0; d < sentence.length; d++) {
      idx[n + d] = base + d;
      val[n + d] = sentence[d]! * this.sifScale;
    }
    return { idx, val };
  }
}
