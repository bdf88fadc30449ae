import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { AnthropicChatModel } from '../src/anthropic.js';
import { CompletionJsonError, completeJson, extractJson } from '../src/complete-json.js';
import { withModelDeadline } from '../src/deadline.js';
import { ProviderRateLimitError } from '../src/errors.js';
import {
  ANTHROPIC_TEST_KEY,
  anthropicError,
  anthropicMessage,
  anthropicServer,
} from './servers/anthropic.js';
import type { RecordingServer } from './servers/http.js';

let server: RecordingServer;
beforeAll(async () => {
  server = await anthropicServer();
});
afterAll(() => server.close());

const model = () =>
  new AnthropicChatModel({
    apiKey: ANTHROPIC_TEST_KEY,
    model: 'claude-haiku-4-5',
    baseUrl: server.url,
    timeoutMs: 5_000,
    maxRetries: 0,
  });

const Triage = z.object({
  intent: z.enum(['refund', 'shipping', 'other']),
  confidence: z.number().min(0).max(1),
});
const req = {
  system: 'Classify the ticket.',
  messages: [{ role: 'user' as const, content: 'I want my money back' }],
  maxTokens: 200,
  timeoutMs: 5_000,
};
const reply = (text: string) =>
  anthropicMessage({ content: [{ type: 'text', text }], usage: { input_tokens: 100, output_tokens: 20 } });

describe('completeJson', () => {
  it('asks for JSON, extracts it from a fenced reply and validates it', async () => {
    server.enqueue(reply('Here you go:\n```json\n{"intent":"refund","confidence":0.93}\n```'));
    const before = server.requests.length;
    const res = await completeJson(model(), req, Triage);
    expect(res.value).toEqual({ intent: 'refund', confidence: 0.93 });
    expect(res.attempts).toBe(1);
    expect(res.usage).toMatchObject({ inputTokens: 100, outputTokens: 20, priced: true });
    const sent = server.requests[before]!.body as { system: string };
    expect(sent.system.startsWith('Classify the ticket.')).toBe(true);
    expect(sent.system).toContain('JSON');
  });

  it('retries once with the validation error, then succeeds, summing usage over both attempts', async () => {
    server.enqueue(
      reply('{"intent":"complaint","confidence":0.5}'),
      reply('{"intent":"other","confidence":0.5}'),
    );
    const before = server.requests.length;
    const res = await completeJson(model(), req, Triage);
    expect(res).toMatchObject({ value: { intent: 'other', confidence: 0.5 }, attempts: 2 });
    expect(res.usage).toMatchObject({ inputTokens: 200, outputTokens: 40 });

    const retry = server.requests[before + 1]!.body as { messages: Array<{ role: string; content: string }> };
    expect(retry.messages).toHaveLength(3);
    expect(retry.messages[1]).toEqual({
      role: 'assistant',
      content: '{"intent":"complaint","confidence":0.5}',
    });
    expect(retry.messages[2]!.role).toBe('user');
    expect(retry.messages[2]!.content).toContain('intent');
  });

  it('throws CompletionJsonError after the second failure, without the model text in the message', async () => {
    server.enqueue(
      reply('Sorry, I cannot help with "secret customer detail".'),
      reply('{"intent": "refund", "confidence": 7}'),
    );
    const err = await completeJson(model(), req, Triage).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CompletionJsonError);
    const e = err as CompletionJsonError;
    expect(e.problems).toEqual(['no JSON found', 'schema: confidence too_big']);
    expect(e.message).not.toContain('secret customer detail');
    expect(e.usage.inputTokens).toBe(200);
  });

  it('lets provider errors through untouched rather than retrying them as bad JSON', async () => {
    server.enqueue(anthropicError(429, 'rate_limit_error', 'slow down', { 'retry-after': '1' }));
    const before = server.requests.length;
    await expect(completeJson(model(), req, Triage)).rejects.toBeInstanceOf(ProviderRateLimitError);
    expect(server.requests.length - before).toBe(1);
  });
});

describe('withModelDeadline', () => {
  const ask = (timeoutMs: number) =>
    withModelDeadline(timeoutMs, (signal) => completeJson(model(), { ...req, timeoutMs, signal }, Triage));
  const valid = '{"intent":"refund","confidence":0.9}';

  it('returns the value when the call finishes in time', async () => {
    server.enqueue(reply(valid));
    const out = await ask(5_000);
    expect(out.ok && out.value.value).toEqual({ intent: 'refund', confidence: 0.9 });
  });

  it('one deadline covers both attempts of a JSON retry', async () => {
    server.enqueue(reply('not json'), { ...reply(valid), delayMs: 5_000 });
    expect(await ask(300)).toMatchObject({ ok: false, kind: 'timeout' });
  });

  it('sorts provider errors and unusable JSON into fallback kinds', async () => {
    server.enqueue(anthropicError(429, 'rate_limit_error', 'slow down'));
    expect(await ask(5_000)).toMatchObject({ ok: false, kind: 'rate_limit' });
    server.enqueue(reply('nope'), reply('still nope'));
    expect(await ask(5_000)).toMatchObject({ ok: false, kind: 'invalid_json' });
  });

  it('lets defects propagate', async () => {
    await expect(withModelDeadline(1_000, () => Promise.reject(new TypeError('bug')))).rejects.toThrow('bug');
  });
});

describe('extractJson', () => {
  it('takes the outermost object or array and ignores surrounding prose', () => {
    expect(extractJson('Result: {"a":{"b":1}} done')).toBe('{"a":{"b":1}}');
    expect(extractJson('```\n[1,2]\n```')).toBe('[1,2]');
    expect(extractJson('no json here')).toBeUndefined();
  });
});
