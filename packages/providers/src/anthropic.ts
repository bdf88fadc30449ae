import type Anthropic from '@anthropic-ai/sdk';
import { redactPii } from '@parley/pii';
import { assertChatRequest, redactMessages } from './chat-request.js';
import { ProviderResponseError } from './errors.js';
import { DEFAULT_PRICES, priceUsage, type PriceTable } from './prices.js';
import { mapStainlessError } from './sdk-errors.js';
import { clientOf, onFirstUse } from './sdk-load.js';
import type { ChatMessage, ChatModel, ChatRequest, ChatResponse, ToolCall } from './types.js';

export interface AnthropicChatOptions {
  apiKey: string;
  model: string;
  baseUrl?: string | undefined;
  /** Default per-attempt timeout; each request's `timeoutMs` overrides it. */
  timeoutMs: number;
  maxRetries: number;
  prices?: PriceTable | undefined;
}

const anthropicSdk = onFirstUse(async () => (await import('@anthropic-ai/sdk')).default);

/** Claude through the Messages API (`POST /v1/messages`), including tool use. */
export class AnthropicChatModel implements ChatModel {
  readonly provider = 'anthropic';
  readonly model: string;
  readonly #client: () => Promise<Anthropic>;
  readonly #prices: PriceTable;

  constructor(opts: AnthropicChatOptions) {
    this.model = opts.model;
    this.#prices = opts.prices ?? DEFAULT_PRICES;
    this.#client = clientOf(
      async () =>
        new (await anthropicSdk())({
          apiKey: opts.apiKey,
          // Explicit nulls: otherwise the SDK reads ANTHROPIC_AUTH_TOKEN / ANTHROPIC_BASE_URL from the environment.
          authToken: null,
          baseURL: opts.baseUrl ?? null,
          timeout: opts.timeoutMs,
          maxRetries: opts.maxRetries,
        }),
    );
  }

  async complete(req: ChatRequest): Promise<ChatResponse> {
    assertChatRequest(req);
    const body: Anthropic.MessageCreateParamsNonStreaming = {
      model: this.model,
      max_tokens: req.maxTokens,
      messages: toAnthropicMessages(redactMessages(req.messages)),
      ...(req.system !== undefined ? { system: redactPii(req.system) } : {}),
      ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
      ...(req.tools?.length
        ? {
            tools: req.tools.map((t) => ({
              name: t.name,
              description: t.description,
              input_schema: { ...t.inputSchema, type: 'object' as const },
            })),
          }
        : {}),
    };
    const [sdk, client] = [await anthropicSdk(), await this.#client()];
    let message: Anthropic.Message;
    const startedAt = Date.now();
    try {
      message = await client.messages.create(body, {
        timeout: req.timeoutMs,
        signal: req.signal ?? null,
      });
    } catch (err) {
      throw mapStainlessError(err, sdk, {
        provider: 'anthropic',
        timeoutMs: req.timeoutMs,
        signal: req.signal,
        startedAt,
      });
    }
    return this.#toResponse(message);
  }

  #toResponse(message: Anthropic.Message): ChatResponse {
    if (!Array.isArray(message?.content) || typeof message.usage?.input_tokens !== 'number') {
      throw new ProviderResponseError('anthropic', 'response is missing content or usage');
    }
    const text: string[] = [];
    const toolCalls: ToolCall[] = [];
    for (const block of message.content) {
      if (block.type === 'text') text.push(block.text);
      else if (block.type === 'tool_use')
        toolCalls.push({ id: block.id, name: block.name, input: block.input });
    }
    const model = typeof message.model === 'string' ? message.model : this.model;
    return {
      text: text.join(''),
      toolCalls,
      usage: priceUsage(
        this.#prices,
        'anthropic',
        [model, this.model],
        message.usage.input_tokens,
        message.usage.output_tokens ?? 0,
      ),
      model,
      provider: this.provider,
      stopReason: message.stop_reason ?? 'unknown',
    };
  }
}

/**
 * Messages API turns: an assistant's tool calls become `tool_use` blocks after its text, and the results of one
 * assistant turn go together, as `tool_result` blocks, at the start of the next user message (text after them).
 */
export function toAnthropicMessages(messages: ChatMessage[]): Anthropic.MessageParam[] {
  const out: Anthropic.MessageParam[] = [];
  const openUserBlocks = (): Anthropic.ContentBlockParam[] | undefined => {
    const last = out.at(-1);
    return last?.role === 'user' && Array.isArray(last.content) ? last.content : undefined;
  };
  for (const m of messages) {
    if (m.role === 'tool') {
      const block: Anthropic.ToolResultBlockParam = {
        type: 'tool_result',
        tool_use_id: m.toolCallId,
        content: m.content,
        ...(m.isError ? { is_error: true } : {}),
      };
      const blocks = openUserBlocks();
      if (blocks) blocks.push(block);
      else out.push({ role: 'user', content: [block] });
    } else if (m.role === 'user') {
      const blocks = openUserBlocks();
      if (blocks) blocks.push({ type: 'text', text: m.content });
      else out.push({ role: 'user', content: m.content });
    } else if (m.toolCalls?.length) {
      out.push({
        role: 'assistant',
        content: [
          // The API rejects empty text blocks.
          ...(m.content ? [{ type: 'text' as const, text: m.content }] : []),
          ...m.toolCalls.map((c) => ({
            type: 'tool_use' as const,
            id: c.id,
            name: c.name,
            input: c.input ?? {},
          })),
        ],
      });
    } else {
      out.push({ role: 'assistant', content: m.content });
    }
  }
  return out;
}
