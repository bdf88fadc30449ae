/** A tool the model may call. `inputSchema` is a JSON Schema object describing the call's input. */
export interface ToolSpec {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
}

/**
 * One message of a conversation. An assistant message may carry the tool calls the model made; each call's
 * result goes back as a `tool` message, in the same order, before the next user text.
 */
export type ChatMessage =
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string; toolCalls?: ToolCall[] }
  | ToolResultMessage;

/** The result of one tool call, sent back to the model (Anthropic `tool_result`, OpenAI `role: 'tool'`). */
export interface ToolResultMessage {
  role: 'tool';
  /** The `id` of the call this answers. */
  toolCallId: string;
  content: string;
  /** The call failed (unknown tool, bad input, a refusal): Anthropic's `is_error`; OpenAI reads it from the text. */
  isError?: boolean;
}

export interface ChatRequest {
  system?: string;
  messages: ChatMessage[];
  maxTokens: number;
  temperature?: number;
  tools?: ToolSpec[];
  /** Per-attempt deadline; the SDK's bounded retries each get this budget. */
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface ToolCall {
  id: string;
  name: string;
  input: unknown;
  /**
   * The provider sent arguments that were not valid JSON (OpenAI-style APIs return them as a string the model
   * wrote). `input` is then `{}`, and the caller answers the call with an error result the model can correct.
   */
  malformedInput?: true;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** False when the model is missing from the price table, so `costUsd` is 0 rather than a real cost. */
  priced: boolean;
}

export interface ChatResponse {
  text: string;
  toolCalls: ToolCall[];
  usage: Usage;
  model: string;
  provider: string;
  stopReason: string;
}

export interface ChatModel {
  readonly provider: string;
  readonly model: string;
  complete(req: ChatRequest): Promise<ChatResponse>;
}

export type EmbedKind = 'query' | 'document';

export interface Embedder {
  readonly dim: number;
  embed(texts: string[], kind: EmbedKind): Promise<Float32Array[]>;
}

export interface RerankResult {
  /** Index into the `documents` passed in. */
  index: number;
  score: number;
}

export interface Reranker {
  rerank(query: string, documents: string[], topN?: number): Promise<RerankResult[]>;
}

export interface SparseVector {
  indices: number[];
  values: number[];
}

export interface VectorPoint {
  id: string;
  dense: number[];
  sparse: SparseVector;
  payload: Record<string, unknown>;
}

export type PayloadFilter = Record<string, string | number | boolean>;

export interface HybridQuery {
  dense: number[];
  sparse: SparseVector;
  limit: number;
  filter?: PayloadFilter;
}

export interface VectorHit {
  id: string;
  score: number;
  payload: Record<string, unknown>;
}

export interface VectorStore {
  ensureCollection(name: string, opts: { denseDim: number }): Promise<void>;
  upsert(name: string, points: VectorPoint[]): Promise<void>;
  delete(name: string, ids: string[]): Promise<void>;
  hybridQuery(name: string, query: HybridQuery): Promise<VectorHit[]>;
}
