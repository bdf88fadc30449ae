import type { WordVectors } from './vectors.js';

/**
 * GloVe's vocabulary is ordered by corpus frequency, so a word's rank stands in for its count: under Zipf's
 * law p(r) = 1 / ((r + 1) * H_N), with H_N the harmonic number of the 400k-word GloVe vocabulary.
 */
const GLOVE_VOCABULARY = 400_000;
const HARMONIC = Math.log(GLOVE_VOCABULARY) + 0.5772156649;

export function zipfProbability(rank: number): number {
  return 1 / ((rank + 1) * HARMONIC);
}

/** Smooth inverse frequency weight a / (a + p(w)) (Arora et al. 2017). */
export function sifWeight(rank: number, a = 1e-3): number {
  return a / (a + zipfProbability(rank));
}

/** SIF-weighted mean of the known tokens' vectors, L2-normalised; all zeros when no token is known. */
export function sifEmbed(vectors: WordVectors, tokens: string[], opts: { a?: number } = {}): Float32Array {
  const a = opts.a ?? 1e-3;
  const out = new Float32Array(vectors.dim);
  for (const token of tokens) {
    const v = vectors.vector(token);
    const rank = vectors.rank(token);
    if (!v || rank === undefined) continue;
    const w = sifWeight(rank, a);
    for (let i = 0; i < out.length; i++) out[i]! += w * v[i]!;
  }
  let norm = 0;
  for (let i = 0; i < out.length; i++) norm += out[i]! * out[i]!;
  if (norm > 0) {
    const inv = 1 / Math.sqrt(norm);
    for (let i = 0; i < out.length; i++) out[i]! *= inv;
  }
  return out;
}
