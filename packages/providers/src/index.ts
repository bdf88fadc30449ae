export type {
  ChatMessage,
  ChatModel,
  ChatRequest,
  ChatResponse,
  EmbedKind,
  Embedder,
  HybridQuery,
  PayloadFilter,
  RerankResult,
  Reranker,
  SparseVector,
  ToolCall,
  ToolResultMessage,
  ToolSpec,
  Usage,
  VectorHit,
  VectorPoint,
  VectorStore,
} from './types.js';
export {
  ProviderAuthError,
  ProviderConfigError,
  ProviderError,
  ProviderRateLimitError,
  ProviderResponseError,
  ProviderTimeoutError,
  type ProviderName,
} from './errors.js';
export {
  addUsage,
  completeJson,
  CompletionJsonError,
  NO_USAGE,
  parseJsonReply,
  type JsonCompletion,
} from './complete-json.js';
export {
  completeJsonWithTools,
  type ResponseKind,
  type ToolLoopOptions,
  type ToolLoopResult,
  type ToolRoundResults,
} from './tool-loop.js';
export {
  ModelDeadlineError,
  modelFailureKind,
  withModelDeadline,
  type DeadlineOutcome,
  type ModelFailureKind,
} from './deadline.js';
export { DEFAULT_PRICES, findPrice, priceUsage, type ModelPrice, type PriceTable } from './prices.js';
export {
  chatModelConfigSchema,
  embedderConfigSchema,
  rerankerConfigSchema,
  vectorStoreConfigSchema,
  type ChatModelConfig,
  type EmbedderConfig,
  type RerankerConfig,
  type VectorStoreConfig,
} from './config.js';
export { createChatModel, createEmbedder, createReranker, createVectorStore } from './factory.js';
export { AnthropicChatModel, type AnthropicChatOptions } from './anthropic.js';
export { OpenAIChatModel, type OpenAIChatOptions } from './openai.js';
export { OpenAIEmbedder, type OpenAIEmbedderOptions } from './openai-embedder.js';
export {
  CohereEmbedder,
  CohereReranker,
  type CohereEmbedderOptions,
  type CohereRerankerOptions,
} from './cohere.js';
export {
  QdrantVectorStore,
  ORIGINAL_ID_KEY,
  type PayloadIndexType,
  type QdrantStoreOptions,
} from './qdrant.js';
