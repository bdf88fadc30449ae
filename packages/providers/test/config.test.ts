import { describe, expect, it } from '@jest/globals';
import { AnthropicChatModel } from '../src/anthropic.js';
import { CohereEmbedder, CohereReranker } from '../src/cohere.js';
import { ProviderConfigError } from '../src/errors.js';
import { createChatModel, createEmbedder, createReranker, createVectorStore } from '../src/factory.js';
import { OpenAIChatModel } from '../src/openai.js';
import { OpenAIEmbedder } from '../src/openai-embedder.js';
import { QdrantVectorStore } from '../src/qdrant.js';

const failure = (fn: () => unknown): ProviderConfigError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof ProviderConfigError) return err;
    throw err;
  }
  throw new Error('expected a ProviderConfigError');
};

describe('factories', () => {
  it('builds each adapter from valid config, applying timeout and retry defaults', () => {
    const chat = createChatModel({ provider: 'anthropic', model: 'claude-haiku-4-5', apiKey: 'k' });
    expect(chat).toBeInstanceOf(AnthropicChatModel);
    expect(chat.model).toBe('claude-haiku-4-5');
    expect(createChatModel({ provider: 'openai', model: 'gpt-4o-mini', apiKey: 'k' })).toBeInstanceOf(
      OpenAIChatModel,
    );
    const local = createChatModel({
      provider: 'openai-compatible',
      model: 'llama3',
      baseUrl: 'http://127.0.0.1:11434/v1',
    });
    expect(local.provider).toBe('openai-compatible');
    expect(
      createEmbedder({ provider: 'openai', model: 'text-embedding-3-small', apiKey: 'k', dim: 1536 }),
    ).toBeInstanceOf(OpenAIEmbedder);
    const cohere = createEmbedder({ provider: 'cohere', model: 'embed-v4.0', apiKey: 'k', dim: 1536 });
    expect(cohere).toBeInstanceOf(CohereEmbedder);
    expect(cohere.dim).toBe(1536);
    expect(createReranker({ provider: 'cohere', model: 'rerank-v3.5', apiKey: 'k' })).toBeInstanceOf(
      CohereReranker,
    );
    expect(createVectorStore({ provider: 'qdrant', url: 'http://127.0.0.1:6333' })).toBeInstanceOf(
      QdrantVectorStore,
    );
  });

  it('names the missing key for hosted providers', () => {
    expect(failure(() => createChatModel({ provider: 'anthropic', model: 'claude-haiku-4-5' })).message).toBe(
      'anthropic: invalid chat model config: apiKey: anthropic needs an apiKey',
    );
    expect(failure(() => createChatModel({ provider: 'openai', model: 'gpt-4o', apiKey: '' })).message).toBe(
      'openai: invalid chat model config: apiKey: openai needs a non-empty apiKey',
    );
    expect(failure(() => createReranker({ provider: 'cohere', model: 'rerank-v3.5' })).message).toContain(
      'apiKey: cohere needs an apiKey',
    );
  });

  it('requires a base URL for openai-compatible servers but no key', () => {
    expect(failure(() => createChatModel({ provider: 'openai-compatible', model: 'llama3' })).message).toBe(
      'openai-compatible: invalid chat model config: baseUrl: openai-compatible needs a baseUrl',
    );
  });

  it('rejects unknown providers, bad numbers and bad URLs with the field named', () => {
    const unknown = failure(() => createChatModel({ provider: 'gemini', model: 'x' }));
    expect(unknown.provider).toBe('unknown');
    expect(unknown.message).toContain('provider: Invalid discriminator value');
    expect(
      failure(() =>
        createChatModel({ provider: 'anthropic', model: 'm', apiKey: 'k', timeoutMs: -1, maxRetries: 99 }),
      ).message,
    ).toMatch(/timeoutMs: .*; maxRetries: /);
    expect(failure(() => createVectorStore({ provider: 'qdrant', url: 'not a url' })).message).toContain(
      'url: Invalid url',
    );
    expect(failure(() => createEmbedder({ provider: 'openai', model: 'm', apiKey: 'k' })).message).toContain(
      'dim: Required',
    );
  });

  it('never puts the API key into the error message', () => {
    const err = failure(() =>
      createChatModel({ provider: 'anthropic', model: '', apiKey: 'sk-ant-very-secret' }),
    );
    expect(err.message).not.toContain('sk-ant-very-secret');
  });
});
