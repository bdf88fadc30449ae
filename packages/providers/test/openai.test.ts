import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { redactPii } from '@parley/pii';
import {
  ProviderAuthError,
  ProviderRateLimitError,
  ProviderResponseError,
  ProviderTimeoutError,
} from '../src/errors.js';
import { OpenAIChatModel, type OpenAIChatOptions } from '../src/openai.js';
import type { RecordingServer } from './servers/http.js';
import { OPENAI_TEST_KEY, chatCompletion, openAIError, openAIServer } from './servers/openai.js';

let server: RecordingServer;
let selfHosted: RecordingServer;
beforeAll(async () => {
  server = await openAIServer();
  selfHosted = await openAIServer({ requireKey: false });
});
afterAll(async () => {
  await server.close();
  await selfHosted.close();
});

const model = (overrides: Partial<OpenAIChatOptions> = {}) =>
  new OpenAIChatModel({
    apiKey: OPENAI_TEST_KEY,
    model: 'gpt-4o-mini',
    baseUrl: `${server.url}/v1`,
    timeoutMs: 5_000,
    maxRetries: 0,
    ...overrides,
  });

const ask = {
  messages: [{ role: 'user' as const, content: 'Where is my order?' }],
  maxTokens: 128,
  timeoutMs: 5_000,
};

describe('OpenAIChatModel (openai)', () => {
  it('sends the documented Chat Completions request and parses tool calls and usage', async () => {
    server.enqueue(
      chatCompletion({
        content: null,
        toolCalls: [{ id: 'call_abc', name: 'get_order', arguments: '{"orderId":"A-1001"}' }],
        usage: { prompt_tokens: 2_000, completion_tokens: 500 },
      }),
    );
    const before = server.requests.length;
    const res = await model().complete({
      ...ask,
      system: 'You are a support assistant.',
      temperature: 0,
      tools: [
        {
          name: 'get_order',
          description: 'Fetch an order by id',
          inputSchema: { type: 'object', properties: { orderId: { type: 'string' } }, required: ['orderId'] },
        },
      ],
    });
    const req = server.requests[before]!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/v1/chat/completions');
    expect(req.headers.authorization).toBe(`Bearer ${OPENAI_TEST_KEY}`);
    expect(req.body).toEqual({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'You are a support assistant.' },
        { role: 'user', content: 'Where is my order?' },
      ],
      max_completion_tokens: 128,
      temperature: 0,
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_order',
            description: 'Fetch an order by id',
            parameters: {
              type: 'object',
              properties: { orderId: { type: 'string' } },
              required: ['orderId'],
            },
          },
        },
      ],
    });
    expect(res.text).toBe('');
    expect(res.toolCalls).toEqual([{ id: 'call_abc', name: 'get_order', input: { orderId: 'A-1001' } }]);
    expect(res.stopReason).toBe('tool_calls');
    expect(res.model).toBe('gpt-4o-mini-2024-07-18');
    // gpt-4o-mini: $0.15 in / $0.60 out per million tokens.
    expect(res.usage.costUsd).toBeCloseTo((2_000 * 0.15 + 500 * 0.6) / 1_000_000, 12);
    expect(res.usage).toMatchObject({ inputTokens: 2_000, outputTokens: 500, priced: true });
  });

  it('redacts PII in system and user text', async () => {
    const email = 'sam.customer@example.org';
    const before = server.requests.length;
    await model().complete({
      ...ask,
      system: `Reply to ${email}`,
      messages: [{ role: 'user', content: `I am ${email}` }],
    });
    const req = server.requests[before]!;
    expect(req.rawBody).not.toContain(email);
    const body = req.body as { messages: Array<{ content: string }> };
    expect(body.messages.map((m) => m.content)).toEqual([
      redactPii(`Reply to ${email}`),
      redactPii(`I am ${email}`),
    ]);
  });

  it('maps a slow response to ProviderTimeoutError', async () => {
    server.enqueue({ ...chatCompletion({}), delayMs: 2_000 });
    await expect(model().complete({ ...ask, timeoutMs: 150 })).rejects.toBeInstanceOf(ProviderTimeoutError);
  });

  it('maps 429 with retry-after to ProviderRateLimitError', async () => {
    server.enqueue(
      openAIError(429, 'requests', 'Rate limit reached for requests', 'rate_limit_exceeded', {
        'retry-after': '3',
      }),
    );
    const err = await model()
      .complete(ask)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderRateLimitError);
    expect((err as ProviderRateLimitError).retryAfterMs).toBe(3_000);
  });

  it('maps 401 to ProviderAuthError', async () => {
    await expect(model({ apiKey: 'sk-wrong' }).complete(ask)).rejects.toBeInstanceOf(ProviderAuthError);
  });

  it('maps a malformed JSON body or no choices to ProviderResponseError', async () => {
    server.enqueue({ status: 200, raw: '{"id":"chatcmpl-1","choices":[{' });
    await expect(model().complete(ask)).rejects.toThrow('openai: response body was not valid JSON');
    server.enqueue({ status: 200, body: { id: 'chatcmpl-1', object: 'chat.completion', choices: [] } });
    await expect(model().complete(ask)).rejects.toBeInstanceOf(ProviderResponseError);
  });

  it('keeps a tool call whose arguments are not a JSON object, marked, for the caller to answer', async () => {
    server.enqueue(
      chatCompletion({
        toolCalls: [
          { id: 'call_1', name: 'get_order', arguments: '{"orderId": ' },
          { id: 'call_2', name: 'get_order', arguments: '"A-1001"' },
          { id: 'call_3', name: 'list_types', arguments: '' },
        ],
      }),
    );
    const res = await model().complete(ask);
    expect(res.toolCalls).toEqual([
      { id: 'call_1', name: 'get_order', input: {}, malformedInput: true },
      { id: 'call_2', name: 'get_order', input: {}, malformedInput: true },
      { id: 'call_3', name: 'list_types', input: {} },
    ]);
  });
});

describe('OpenAIChatModel (openai-compatible)', () => {
  const compatible = (apiKey?: string) =>
    new OpenAIChatModel({
      provider: 'openai-compatible',
      model: 'llama-3.1-8b-instruct',
      baseUrl: `${selfHosted.url}/v1`,
      timeoutMs: 5_000,
      maxRetries: 0,
      ...(apiKey ? { apiKey } : {}),
    });

  it('talks to a base URL without sending any Authorization header when no key is configured', async () => {
    const before = selfHosted.requests.length;
    selfHosted.enqueue(chatCompletion({ content: 'hello', model: 'llama-3.1-8b-instruct', usage: null }));
    const res = await compatible().complete(ask);
    const req = selfHosted.requests[before]!;
    expect(req.path).toBe('/v1/chat/completions');
    expect(req.headers.authorization).toBeUndefined();
    // Compatible servers get the widely supported max_tokens, not OpenAI's newer max_completion_tokens.
    expect(req.body).toMatchObject({ model: 'llama-3.1-8b-instruct', max_tokens: 128 });
    expect((req.body as Record<string, unknown>).max_completion_tokens).toBeUndefined();
    expect(res).toMatchObject({ text: 'hello', provider: 'openai-compatible', stopReason: 'stop' });
    // Self-hosted models have no price entry, and this server reported no usage at all.
    expect(res.usage).toEqual({ inputTokens: 0, outputTokens: 0, costUsd: 0, priced: false });
  });

  it('sends a configured key as a bearer token', async () => {
    const before = selfHosted.requests.length;
    await compatible('local-secret').complete(ask);
    expect(selfHosted.requests[before]!.headers.authorization).toBe('Bearer local-secret');
  });
});
