import type OpenAI from 'openai';
import { redactPii } from '@parley/pii';
import { assertChatRequest, redactMessages } from './chat-request.js';
import { ProviderResponseError } from './errors.js';
import { DEFAULT_PRICES, priceUsage, type PriceTable } from './prices.js';
import { mapStainlessError } from './sdk-errors.js';
import { clientOf, onFirstUse } from './sdk-load.js';
import type { ChatMessage, ChatModel, ChatRequest, ChatResponse, ToolCall } from './types.js';

export interface OpenAIClientOptions {
  /** Required for api.openai.com; optional for a self-hosted OpenAI-compatible server (vLLM, Ollama). */
  apiKey?: string | undefined;
  baseUrl?: string | undefined;
  timeoutMs: number;
  maxRetries: number;
}

export const openAISdk = onFirstUse(async () => (await import('openai')).default);

/**
 * Builds the SDK client (loading the SDK on first use). Without a key the `Authorization` header is removed explicitly: the SDK would otherwise
 * fall back to `OPENAI_API_KEY` from the environment and send a real OpenAI key to a self-hosted server.
 */
export async function openAIClient(opts: OpenAIClientOptions): Promise<OpenAI> {
  return new (await openAISdk())({
    apiKey: opts.apiKey ?? 'unused',
    baseURL: opts.baseUrl ?? 'https://api.openai.com/v1',
    // Explicit nulls: otherwise the SDK picks these up from OPENAI_* environment variables.
    adminAPIKey: null,
    organization: null,
    project: null,
    timeout: opts.timeoutMs,
    maxRetries: opts.maxRetries,
    ...(opts.apiKey === undefined ? { defaultHeaders: { Authorization: null } } : {}),
  });
}

export interface OpenAIChatOptions extends OpenAIClientOptions {
  model: string;
  /** `openai-compatible` targets servers that speak Chat Completions but are not OpenAI. */
  provider?: 'openai' | 'openai-compatible';
  prices?: PriceTable | undefined;
}

/** Chat Completions (`POST /chat/completions`), including function tool calls. */
export class OpenAIChatModel implements ChatModel {
  readonly provider: 'openai' | 'openai-compatible';
  readonly model: string;
  readonly #client: () => Promise<OpenAI>;
  readonly #prices: PriceTable;

  constructor(opts: OpenAIChatOptions) {
    this.provider = opts.provider ?? 'openai';
    this.model = opts.model;
    this.#prices = opts.prices ?? DEFAULT_PRICES;
    this.#client = clientOf(() => openAIClient(opts));
  }

  async complete(req: ChatRequest): Promise<ChatResponse> {
    assertChatRequest(req);
    const messages: OpenAI.ChatCompletionMessageParam[] = [
      ...(req.system !== undefined ? [{ role: 'system' as const, content: redactPii(req.system) }] : []),
      ...toOpenAIMessages(redactMessages(req.messages)),
    ];
    const body: OpenAI.ChatCompletionCreateParamsNonStreaming = {
      model: this.model,
      messages,
      // OpenAI deprecated max_tokens for max_completion_tokens; compatible servers widely support only the former.
      ...(this.provider === 'openai'
        ? { max_completion_tokens: req.maxTokens }
        : { max_tokens: req.maxTokens }),
      ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
      ...(req.tools?.length
        ? {
            tools: req.tools.map((t) => ({
              type: 'function' as const,
              function: { name: t.name, description: t.description, parameters: t.inputSchema },
            })),
          }
        : {}),
    };
    const [sdk, client] = [await openAISdk(), await this.#client()];
    let completion: OpenAI.ChatCompletion;
    const startedAt = Date.now();
    try {
      completion = await client.chat.completions.create(body, {
        timeout: req.timeoutMs,
        signal: req.signal ?? null,
      });
    } catch (err) {
      throw mapStainlessError(err, sdk, {
        provider: this.provider,
        timeoutMs: req.timeoutMs,
        signal: req.signal,
        startedAt,
      });
    }
    return this.#toResponse(completion);
  }

  #toResponse(completion: OpenAI.ChatCompletion): ChatResponse {
    const choice = Array.isArray(completion?.choices) ? completion.choices[0] : undefined;
    if (!choice?.message) throw new ProviderResponseError(this.provider, 'response has no choices');
    const toolCalls: ToolCall[] = (choice.message.tool_calls ?? []).flatMap((call, i) =>
      call.type === 'function' ? [toolCall(call.function, call.id, i)] : [],
    );
    const model =
      typeof completion.model === 'string' && completion.model !== '' ? completion.model : this.model;
    return {
      text: choice.message.content ?? '',
      toolCalls,
      // Some compatible servers omit usage; report zero tokens rather than failing the call.
      usage: priceUsage(
        this.#prices,
        this.provider,
        [model, this.model],
        completion.usage?.prompt_tokens ?? 0,
        completion.usage?.completion_tokens ?? 0,
      ),
      model,
      provider: this.provider,
      stopReason: choice.finish_reason ?? 'unknown',
    };
  }
}

/**
 * Tool arguments arrive as a JSON string the model wrote, so they can be malformed: the call is kept and marked,
 * for the caller to answer with an error the model can correct. Some compatible servers send the arguments as an
 * object and no call id; both are accepted.
 */
function toolCall(fn: { name: string; arguments: unknown }, id: string | undefined, index: number): ToolCall {
  const callId = typeof id === 'string' && id !== '' ? id : `call_${index}`;
  const raw = fn.arguments;
  if (raw !== null && typeof raw === 'object') return { id: callId, name: fn.name, input: raw };
  try {
    const input: unknown = JSON.parse(typeof raw === 'string' && raw !== '' ? raw : '{}');
    if (input !== null && typeof input === 'object' && !Array.isArray(input))
      return { id: callId, name: fn.name, input };
  } catch {
    // Falls through to the marked call.
  }
  return { id: callId, name: fn.name, input: {}, malformedInput: true };
}

/** Chat Completions turns: tool calls on the assistant message, each result a `role: 'tool'` message. */
export function toOpenAIMessages(messages: ChatMessage[]): OpenAI.ChatCompletionMessageParam[] {
  return messages.map((m): OpenAI.ChatCompletionMessageParam => {
    if (m.role === 'tool') return { role: 'tool', tool_call_id: m.toolCallId, content: m.content };
    if (m.role === 'user') return { role: 'user', content: m.content };
    if (!m.toolCalls?.length) return { role: 'assistant', content: m.content };
    return {
      role: 'assistant',
      content: m.content === '' ? null : m.content,
      tool_calls: m.toolCalls.map((c) => ({
        id: c.id,
        type: 'function' as const,
        function: { name: c.name, arguments: JSON.stringify(c.input ?? {}) },
      })),
    };
  });
}
