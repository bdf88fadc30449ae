import type { Embedder as ProviderEmbedder } from '@parley/providers';
import type { Embedder } from './embedder.js';

/** A knowledge `Embedder` that can also embed a query as a query (asymmetric models such as Cohere's). */
export interface QueryAwareEmbedder extends Embedder {
  embedQuery(text: string): Promise<Float32Array>;
}

/**
 * Adapts a hosted embedder from `@parley/providers` to the index's interface. The embedded `HybridIndex`
 * does not say whether it embeds documents or a query, so `embed` asks for document embeddings (symmetric
 * models such as OpenAI's do not care); `QdrantSearchIndex` calls `embedQuery` for queries.
 */
export function providerEmbedder(provider: ProviderEmbedder): QueryAwareEmbedder {
  return {
    dim: provider.dim,
    embed: (texts) => (texts.length === 0 ? Promise.resolve([]) : provider.embed(texts, 'document')),
    embedQuery: async (text) => {
      const [v] = await provider.embed([text], 'query');
      if (!v) throw new Error('embedder returned no vector for the query');
      return v;
    },
  };
}

export function isQueryAware(e: Embedder): e is QueryAwareEmbedder {
  return typeof (e as Partial<QueryAwareEmbedder>).embedQuery === 'function';
}
