import type { RecordedRequest, Reply } from '@parley/providers/testing';
import {
  ANTHROPIC_TEST_KEY,
  anthropicError,
  anthropicKey,
  anthropicMessage,
  chatCompletion,
  header,
  OPENAI_TEST_KEY,
  openAIError,
  RecordingServer,
} from '@parley/providers/testing';

/**
 * Loopback servers speaking Anthropic `POST /v1/messages` and OpenAI `POST /v1/chat/completions` (the providers
 * package's fakes), answering with model text a test chooses. No live provider is ever called.
 */
export type Flavour = 'anthropic' | 'openai' | 'openai-compatible';

export interface ModelServer {
  readonly flavour: Flavour;
  readonly server: RecordingServer;
  /** Base URL as the adapters take it (the OpenAI SDK's includes `/v1`). */
  readonly baseUrl: string;
  readonly apiKey: string | undefined;
  /** Queues model replies (or scripted failures) for the next requests, in order. */
  enqueue(...replies: Reply[]): void;
  close(): Promise<void>;
}

/** The model writing `text`, billed `input`/`output` tokens. */
export function said(flavour: Flavour, text: string, usage = { input: 1000, output: 200 }): Reply {
  return flavour === 'anthropic'
    ? anthropicMessage({
        content: [{ type: 'text', text }],
        usage: { input_tokens: usage.input, output_tokens: usage.output },
      })
    : chatCompletion({
        content: text,
        model: flavour === 'openai' ? 'gpt-4o-mini-2024-07-18' : 'llama3.1:8b',
        usage: { prompt_tokens: usage.input, completion_tokens: usage.output },
      });
}

/** A draft answer as the model writes it. */
export const answer = (body: string, passages: number[] = [], facts: string[] = []) =>
  JSON.stringify({ body, citations: passages.map((passage) => ({ passage })), facts_used: facts });

export function failure(flavour: Flavour, status: number, type: string, headers?: Record<string, string>) {
  return flavour === 'anthropic'
    ? anthropicError(status, type, 'test failure', headers)
    : openAIError(status, type, 'test failure', type, headers);
}

/** Unscripted requests are checked for the path and key, then answered with `fallbackText`. */
export async function modelServer(flavour: Flavour, fallbackText: string): Promise<ModelServer> {
  const apiKey =
    flavour === 'anthropic' ? ANTHROPIC_TEST_KEY : flavour === 'openai' ? OPENAI_TEST_KEY : undefined;
  const server = await new RecordingServer((req: RecordedRequest) => {
    const path = flavour === 'anthropic' ? '/v1/messages' : '/v1/chat/completions';
    if (req.path !== path) return failure(flavour, 404, 'not_found_error');
    const key = flavour === 'anthropic' ? anthropicKey(req) : header(req, 'authorization')?.slice(7);
    if (apiKey !== undefined && key !== apiKey) return failure(flavour, 401, 'authentication_error');
    return said(flavour, fallbackText);
  }).start();
  return {
    flavour,
    server,
    baseUrl: flavour === 'anthropic' ? server.url : `${server.url}/v1`,
    apiKey,
    enqueue: (...replies) => void server.enqueue(...replies),
    close: () => server.close(),
  };
}

/** What the model was shown: the system prompt and the user message(s), as the server received them. */
export function promptOf(req: RecordedRequest): { system: string; user: string[] } {
  const body = req.body as { system?: string; messages: Array<{ role: string; content: string }> };
  const system = body.system ?? body.messages.find((m) => m.role === 'system')?.content ?? '';
  return { system, user: body.messages.filter((m) => m.role === 'user').map((m) => m.content) };
}

export interface ScriptedCall {
  name: string;
  input: unknown;
  /** Defaults to one derived from the name and position. */
  id?: string;
}

/** The model calling tools (Anthropic `tool_use` blocks, OpenAI `tool_calls`), billed `input`/`output` tokens. */
export function calledTools(
  flavour: Flavour,
  calls: ScriptedCall[],
  usage = { input: 500, output: 40 },
): Reply {
  const withIds = calls.map((c, i) => ({ ...c, id: c.id ?? `call_${i + 1}_${c.name}` }));
  return flavour === 'anthropic'
    ? anthropicMessage({
        content: withIds.map((c) => ({ type: 'tool_use' as const, id: c.id, name: c.name, input: c.input })),
        usage: { input_tokens: usage.input, output_tokens: usage.output },
      })
    : chatCompletion({
        content: null,
        model: flavour === 'openai' ? 'gpt-4o-mini-2024-07-18' : 'llama3.1:8b',
        toolCalls: withIds.map((c) => ({ id: c.id, name: c.name, arguments: JSON.stringify(c.input) })),
        usage: { prompt_tokens: usage.input, completion_tokens: usage.output },
      });
}

export interface SentToolResult {
  id: string;
  content: string;
  /** Anthropic's `is_error`; OpenAI carries no flag. */
  isError: boolean;
}

/** The tool results a request sent back to the model, oldest first, as the server received them. */
export function toolResultsOf(req: RecordedRequest): SentToolResult[] {
  const body = req.body as { messages: Array<{ role: string; content: unknown; tool_call_id?: string }> };
  return body.messages.flatMap((m) => {
    if (m.role === 'tool') return [{ id: m.tool_call_id ?? '', content: String(m.content), isError: false }];
    if (m.role !== 'user' || !Array.isArray(m.content)) return [];
    return (m.content as Array<{ type: string; tool_use_id?: string; content?: string; is_error?: boolean }>)
      .filter((b) => b.type === 'tool_result')
      .map((b) => ({ id: b.tool_use_id ?? '', content: b.content ?? '', isError: b.is_error === true }));
  });
}

/** The names of the tools a request offered the model. */
export function offeredToolsOf(req: RecordedRequest): string[] {
  const body = req.body as { tools?: Array<{ name?: string; function?: { name: string } }> };
  return (body.tools ?? []).map((t) => t.name ?? t.function?.name ?? '');
}
