import { LRUCache } from 'lru-cache';
import type { WordVectors } from './vectors.js';

/** How alike two words are in meaning (cosine of their word vectors), 0 when unknown. */
export type Similarity = (a: string, b: string) => number;

/** How many word pairs' cosines are kept, the least recently used forgotten first. */
export const SIMILAR_PAIRS = 8192;

/** Cosine of two words' vectors (0 when either is unknown), remembered per pair among the recent ones. */
export function wordSimilarity(vectors: Pick<WordVectors, 'vector'>): Similarity {
  const seen = new LRUCache<string, number>({ max: SIMILAR_PAIRS });
  return (a, b) => {
    const key = a < b ? `${a} ${b}` : `${b} ${a}`;
    const known = seen.get(key);
    if (known !== undefined) return known;
    const x = vectors.vector(a);
    const y = vectors.vector(b);
    let cos = 0;
    if (x && y) {
      let dot = 0;
      let nx = 0;
      let ny = 0;
      for (let i = 0; i < x.length; i++) {
        dot += x[i]! * y[i]!;
        nx += x[i]! * x[i]!;
        ny += y[i]! * y[i]!;
      }
      cos = dot / Math.sqrt(nx * ny || 1);
    }
    seen.set(key, cos);
    return cos;
  };
}
