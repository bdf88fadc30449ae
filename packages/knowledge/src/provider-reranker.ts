import type { Reranker as ProviderReranker } from '@parley/providers';
import type { Reranker } from './embedder.js';

/**
 * Adapts a hosted reranker to the index's interface: one score per document, in the order given. Every
 * document is sent (no top-n cut), so each one gets the provider's own relevance score.
 */
export function providerReranker(provider: ProviderReranker): Reranker {
  return {
    async rerank(query, docs) {
      if (docs.length === 0) return [];
      const results = await provider.rerank(query, docs);
      const scores = new Array<number>(docs.length).fill(Number.NaN);
      for (const r of results) {
        if (!Number.isInteger(r.index) || r.index < 0 || r.index >= docs.length)
          throw new Error(`reranker returned index ${r.index} for ${docs.length} documents`);
        scores[r.index] = r.score;
      }
      const missing = scores.findIndex((s) => !Number.isFinite(s));
      if (missing >= 0) throw new Error(`reranker returned no score for document ${missing}`);
      return scores;
    },
  };
}
