import { loadWordVectors, sifEmbed, tokenize } from '@parley/word-vectors';
import type { WordVectors } from '@parley/word-vectors';
import { sha256Hex, words } from './text.js';

/** Turns texts into fixed-size vectors. Local (word vectors) or remote (an embedding API) alike. */
export interface Embedder {
  readonly dim: number;
  embed(texts: string[]): Promise<Float32Array[]>;
  /** The word-vector table behind a word-vector embedder: the index uses it for query expansion. */
  readonly words?: WordVectors;
}

/** Scores each doc's relevance to the query; higher is better, one number per doc, in order. */
export interface Reranker {
  rerank(query: string, docs: string[]): Promise<number[]>;
}

/** SIF-weighted word-vector sentence embeddings (Arora et al. 2017) over the shared word-vector table. */
export function wordVectorEmbedder(vectors: WordVectors, opts: { a?: number } = {}): Embedder {
  return {
    dim: vectors.dim,
    embed: async (texts) => texts.map((t) => sifEmbed(vectors, tokenize(t), opts)),
    words: vectors,
  };
}

/** The default dense embedder: loads (and caches) the bundled word vectors once per call. */
export async function loadDefaultEmbedder(
  opts: { cacheDir?: string; maxWords?: number } = {},
): Promise<Embedder> {
  return wordVectorEmbedder(await loadWordVectors(opts));
}

/**
 * Deterministic feature-hashing embedder with no data behind it: each word adds a pseudo-random sign to
 * a few hashed dimensions. Exact-word overlap only, so it suits tests and wiring, not paraphrase recall.
 */
export function hashingEmbedder(dim = 64): Embedder {
  const cache = new Map<string, Float32Array>();
  const wordVector = (w: string): Float32Array => {
    let v = cache.get(w);
    if (!v) {
      const h = sha256Hex(w);
      v = new Float32Array(dim);
      for (let i = 0; i < 4; i++) {
        const x = parseInt(h.slice(i * 8, i * 8 + 8), 16);
        v[x % dim]! += x & 1 ? 1 : -1;
      }
      cache.set(w, v);
    }
    return v;
  };
  return {
    dim,
    embed: async (texts) =>
      texts.map((t) => {
        const out = new Float32Array(dim);
        for (const w of words(t)) {
          const v = wordVector(w);
          for (let i = 0; i < dim; i++) out[i]! += v[i]!;
        }
        return out;
      }),
  };
}
