import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { AnthropicChatModel } from '../src/anthropic.js';
import { CompletionJsonError } from '../src/complete-json.js';
import { ProviderRateLimitError } from '../src/errors.js';
import { OpenAIChatModel } from '../src/openai.js';
import type { ResponseKind, ToolRoundResults } from '../src/tool-loop.js';
import { completeJsonWithTools } from '../src/tool-loop.js';
import type { ChatModel, ToolCall } from '../src/types.js';
import {
  ANTHROPIC_TEST_KEY,
  anthropicError,
  anthropicMessage,
  anthropicServer,
} from './servers/anthropic.js';
import type { RecordedRequest, Reply, RecordingServer } from './servers/http.js';
import { OPENAI_TEST_KEY, chatCompletion, openAIError, openAIServer } from './servers/openai.js';

type Flavour = 'anthropic' | 'openai';
const servers = {} as Record<Flavour, RecordingServer>;
beforeAll(async () => {
  servers.anthropic = await anthropicServer();
  servers.openai = await openAIServer();
});
afterAll(async () => {
  await servers.anthropic.close();
  await servers.openai.close();
});

function model(flavour: Flavour): ChatModel {
  const common = { timeoutMs: 5_000, maxRetries: 0 };
  return flavour === 'anthropic'
    ? new AnthropicChatModel({
        ...common,
        apiKey: ANTHROPIC_TEST_KEY,
        model: 'claude-haiku-4-5',
        baseUrl: servers.anthropic.url,
      })
    : new OpenAIChatModel({
        ...common,
        apiKey: OPENAI_TEST_KEY,
        model: 'gpt-4o-mini',
        baseUrl: `${servers.openai.url}/v1`,
      });
}

/** The model calling tools, billed 100 input and 10 output tokens. */
function calls(flavour: Flavour, ...list: Array<{ id: string; name: string; input: unknown }>): Reply {
  return flavour === 'anthropic'
    ? anthropicMessage({
        content: [
          { type: 'text', text: 'Let me check.' },
          ...list.map((c) => ({ type: 'tool_use' as const, ...c })),
        ],
        usage: { input_tokens: 100, output_tokens: 10 },
      })
    : chatCompletion({
        content: null,
        toolCalls: list.map((c) => ({ id: c.id, name: c.name, arguments: JSON.stringify(c.input) })),
        usage: { prompt_tokens: 100, completion_tokens: 10 },
      });
}

function says(flavour: Flavour, text: string): Reply {
  return flavour === 'anthropic'
    ? anthropicMessage({ content: [{ type: 'text', text }], usage: { input_tokens: 100, output_tokens: 10 } })
    : chatCompletion({ content: text, usage: { prompt_tokens: 100, completion_tokens: 10 } });
}

const Answer = z.object({ status: z.string() });
const TOOLS = [
  {
    name: 'get_order',
    description: 'Fetch an order',
    inputSchema: { type: 'object', properties: { order_id: { type: 'string' } } },
  },
];
const req = {
  system: 'Answer from the tools.',
  messages: [{ role: 'user' as const, content: 'Where is order #W1234567?' }],
  maxTokens: 200,
  timeoutMs: 5_000,
  tools: TOOLS,
};

/** Runs the loop against a server, answering every call with `answer(call)`; returns what the server saw. */
async function loop(
  flavour: Flavour,
  opts: { max?: number; answer?: (c: ToolCall) => ToolRoundResults['results'][number]; stop?: boolean } = {},
) {
  const server = servers[flavour];
  const before = server.requests.length;
  const rounds: Array<{ round: number; calls: ToolCall[] }> = [];
  const kinds: ResponseKind[] = [];
  const outcome = await completeJsonWithTools(model(flavour), req, Answer, {
    maxToolRounds: opts.max ?? 3,
    runTools: async (list, round) => {
      rounds.push({ round, calls: list });
      return {
        results: list.map(
          (c) => opts.answer?.(c) ?? { content: `{"order":"${String(c.id)}","status":"pending"}` },
        ),
        ...(opts.stop ? { stop: true } : {}),
      };
    },
    onResponse: (_res, kind) => kinds.push(kind),
  }).catch((err: unknown) => err);
  return { outcome, rounds, kinds, requests: server.requests.slice(before) };
}

type Body = { messages: Array<Record<string, unknown>>; tools?: unknown[] };
const body = (r: RecordedRequest) => r.body as Body;

describe.each(['anthropic', 'openai'] as const)('completeJsonWithTools over %s', (flavour) => {
  it('runs a round of tool calls, sends the results back in the wire format, then takes the answer', async () => {
    servers[flavour].enqueue(
      calls(flavour, { id: 'call_1', name: 'get_order', input: { order_id: '#W1234567' } }),
      says(flavour, '{"status":"pending"}'),
    );
    const { outcome, rounds, kinds, requests } = await loop(flavour, {
      answer: () => ({ content: '{"status":"pending","contact":"jane.doe@example.com"}' }),
    });
    expect(outcome).toMatchObject({
      kind: 'answer',
      value: { status: 'pending' },
      requests: 2,
      toolRounds: 1,
      usage: { inputTokens: 200, outputTokens: 20 },
    });
    expect(rounds).toEqual([
      { round: 1, calls: [{ id: 'call_1', name: 'get_order', input: { order_id: '#W1234567' } }] },
    ]);
    expect(kinds).toEqual(['tools', 'answer']);
    expect(requests).toHaveLength(2);
    // Tools are offered on every request, the follow-up included.
    expect(body(requests[0]!).tools).toHaveLength(1);
    expect(body(requests[1]!).tools).toHaveLength(1);
    const sent = body(requests[1]!).messages;
    const result = '{"status":"pending","contact":"[email]"}';
    if (flavour === 'anthropic') {
      expect(sent).toEqual([
        { role: 'user', content: 'Where is order #W1234567?' },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Let me check.' },
            { type: 'tool_use', id: 'call_1', name: 'get_order', input: { order_id: '#W1234567' } },
          ],
        },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_1', content: result }] },
      ]);
    } else {
      expect(sent).toEqual([
        { role: 'system', content: expect.stringContaining('Answer from the tools.') },
        { role: 'user', content: 'Where is order #W1234567?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'call_1',
              type: 'function',
              function: { name: 'get_order', arguments: '{"order_id":"#W1234567"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: result },
      ]);
    }
    expect(requests[1]!.rawBody).not.toContain('jane.doe@example.com');
  });

  it('answers parallel calls together, flags errors, and redacts tool inputs echoed back', async () => {
    servers[flavour].enqueue(
      calls(
        flavour,
        { id: 'call_a', name: 'get_order', input: { order_id: '#W1' } },
        { id: 'call_b', name: 'find_user', input: { email: 'jane.doe@example.com' } },
      ),
      says(flavour, '{"status":"delivered"}'),
    );
    const { outcome, requests } = await loop(flavour, {
      answer: (c) =>
        c.name === 'get_order' ? { content: 'ok' } : { content: 'Unknown tool find_user', isError: true },
    });
    expect(outcome).toMatchObject({ kind: 'answer', value: { status: 'delivered' } });
    const sent = body(requests[1]!).messages;
    expect(requests[1]!.rawBody).not.toContain('jane.doe@example.com');
    if (flavour === 'anthropic') {
      // Both results in the one user message that follows the assistant's turn.
      expect(sent).toHaveLength(3);
      expect(sent[1]!.content).toContainEqual({
        type: 'tool_use',
        id: 'call_b',
        name: 'find_user',
        input: { email: '[email]' },
      });
      expect(sent[2]).toEqual({
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'call_a', content: 'ok' },
          { type: 'tool_result', tool_use_id: 'call_b', content: 'Unknown tool find_user', is_error: true },
        ],
      });
    } else {
      expect(sent.slice(3)).toEqual([
        { role: 'tool', tool_call_id: 'call_a', content: 'ok' },
        { role: 'tool', tool_call_id: 'call_b', content: 'Unknown tool find_user' },
      ]);
      const echoed = (sent[2]!.tool_calls as Array<{ function: { arguments: string } }>)[1]!;
      expect(echoed.function.arguments).toBe('{"email":"[email]"}');
    }
  });

  it('stops at the round cap without running the calls past it', async () => {
    const call = (n: number) =>
      calls(flavour, { id: `call_${n}`, name: 'get_order', input: { order_id: '#W1' } });
    servers[flavour].enqueue(call(1), call(2), call(3));
    const { outcome, rounds, kinds, requests } = await loop(flavour, { max: 2 });
    expect(outcome).toMatchObject({
      kind: 'round_cap',
      requests: 3,
      toolRounds: 2,
      usage: { inputTokens: 300, outputTokens: 30 },
    });
    expect(rounds.map((r) => r.round)).toEqual([1, 2]);
    expect(kinds).toEqual(['tools', 'tools', 'round_cap']);
    expect(requests).toHaveLength(3);
  });

  it('ends without an answer when the caller stops after a round', async () => {
    servers[flavour].enqueue(calls(flavour, { id: 'call_1', name: 'transfer', input: {} }));
    const { outcome, requests } = await loop(flavour, { stop: true });
    expect(outcome).toMatchObject({ kind: 'stopped', requests: 1, toolRounds: 1 });
    expect(requests).toHaveLength(1);
  });

  it('retries an invalid answer once, then gives up with the usage of every request', async () => {
    servers[flavour].enqueue(
      calls(flavour, { id: 'call_1', name: 'get_order', input: {} }),
      says(flavour, 'It is pending.'),
      says(flavour, '{"state":"pending"}'),
    );
    const { outcome, kinds, requests } = await loop(flavour);
    expect(outcome).toBeInstanceOf(CompletionJsonError);
    expect((outcome as CompletionJsonError).usage).toMatchObject({ inputTokens: 300, outputTokens: 30 });
    expect(kinds).toEqual(['tools', 'invalid_answer', 'invalid_answer']);
    const retry = body(requests[2]!).messages.at(-1)!;
    expect(retry).toMatchObject({ role: 'user' });
    expect(JSON.stringify(retry)).toContain('That reply was not usable: no JSON object or array found');
  });

  it('lets a provider error through, after reporting the rounds already spent', async () => {
    servers[flavour].enqueue(
      calls(flavour, { id: 'call_1', name: 'get_order', input: {} }),
      flavour === 'anthropic'
        ? anthropicError(429, 'rate_limit_error', 'slow down', { 'retry-after': '3' })
        : openAIError(429, 'rate_limit_error', 'slow down', null, { 'retry-after': '3' }),
    );
    const { outcome, kinds } = await loop(flavour);
    expect(outcome).toBeInstanceOf(ProviderRateLimitError);
    expect(kinds).toEqual(['tools']);
  });
});

describe('completeJsonWithTools contract', () => {
  it('refuses a runner that does not answer every call, and a result answering no call', async () => {
    servers.anthropic.enqueue(
      calls(
        'anthropic',
        { id: 'c1', name: 'get_order', input: {} },
        { id: 'c2', name: 'get_order', input: {} },
      ),
    );
    await expect(
      completeJsonWithTools(model('anthropic'), req, Answer, {
        maxToolRounds: 2,
        runTools: async () => ({ results: [{ content: 'only one' }] }),
      }),
    ).rejects.toThrow('runTools answered 1 of 2 tool calls');
    await expect(
      model('anthropic').complete({
        ...req,
        messages: [...req.messages, { role: 'tool', toolCallId: 'nope', content: 'x' }],
      }),
    ).rejects.toThrow('answers a tool call no earlier message made');
  });
});
