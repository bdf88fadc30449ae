import { AnthropicChatModel } from './anthropic.js';
import { CohereEmbedder, CohereReranker } from './cohere.js';
import {
  chatModelConfigSchema,
  embedderConfigSchema,
  parseConfig,
  rerankerConfigSchema,
  vectorStoreConfigSchema,
} from './config.js';
import { OpenAIChatModel } from './openai.js';
import { OpenAIEmbedder } from './openai-embedder.js';
import type { PriceTable } from './prices.js';
import { QdrantVectorStore } from './qdrant.js';
import type { ChatModel, Embedder, Reranker, VectorStore } from './types.js';

/** Builds a chat model from untrusted config; throws ProviderConfigError naming each bad or missing field. */
export function createChatModel(config: unknown, opts: { prices?: PriceTable } = {}): ChatModel {
  const c = parseConfig('chat model', chatModelConfigSchema, config);
  switch (c.provider) {
    case 'anthropic':
      return new AnthropicChatModel({ ...c, prices: opts.prices });
    case 'openai':
    case 'openai-compatible':
      return new OpenAIChatModel({ ...c, prices: opts.prices });
  }
}

export function createEmbedder(config: unknown): Embedder {
  const c = parseConfig('embedder', embedderConfigSchema, config);
  switch (c.provider) {
    case 'openai':
    case 'openai-compatible':
      return new OpenAIEmbedder(c);
    case 'cohere':
      return new CohereEmbedder(c);
  }
}

export function createReranker(config: unknown): Reranker {
  const c = parseConfig('reranker', rerankerConfigSchema, config);
  return new CohereReranker(c);
}

export function createVectorStore(config: unknown): VectorStore {
  const c = parseConfig('vector store', vectorStoreConfigSchema, config);
  return new QdrantVectorStore(c);
}
