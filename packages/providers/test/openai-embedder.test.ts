import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { redactPii } from '@parley/pii';
import {
  ProviderAuthError,
  ProviderRateLimitError,
  ProviderResponseError,
  ProviderTimeoutError,
} from '../src/errors.js';
import { OpenAIEmbedder, type OpenAIEmbedderOptions } from '../src/openai-embedder.js';
import { fakeVector, type RecordingServer } from './servers/http.js';
import { DEFAULT_EMBED_DIM, OPENAI_TEST_KEY, openAIError, openAIServer } from './servers/openai.js';

let server: RecordingServer;
beforeAll(async () => {
  server = await openAIServer();
});
afterAll(() => server.close());

const embedder = (overrides: Partial<OpenAIEmbedderOptions> = {}) =>
  new OpenAIEmbedder({
    apiKey: OPENAI_TEST_KEY,
    model: 'text-embedding-3-small',
    dim: DEFAULT_EMBED_DIM,
    baseUrl: `${server.url}/v1`,
    timeoutMs: 5_000,
    maxRetries: 0,
    ...overrides,
  });

describe('OpenAIEmbedder', () => {
  it('posts to /v1/embeddings with float encoding and returns one Float32Array per text, in order', async () => {
    const before = server.requests.length;
    const texts = ['refund policy', 'where is my parcel'];
    const vectors = await embedder().embed(texts, 'document');
    const req = server.requests[before]!;
    expect(req.path).toBe('/v1/embeddings');
    expect(req.headers.authorization).toBe(`Bearer ${OPENAI_TEST_KEY}`);
    expect(req.body).toEqual({ model: 'text-embedding-3-small', input: texts, encoding_format: 'float' });
    expect(vectors).toHaveLength(2);
    vectors.forEach((v, i) => {
      expect(v).toBeInstanceOf(Float32Array);
      expect(Array.from(v)).toEqual(Array.from(Float32Array.from(fakeVector(texts[i]!, DEFAULT_EMBED_DIM))));
    });
  });

  it('orders results by their index even when the server returns them shuffled', async () => {
    const a = fakeVector('a', DEFAULT_EMBED_DIM);
    const b = fakeVector('b', DEFAULT_EMBED_DIM);
    server.enqueue({
      status: 200,
      body: {
        object: 'list',
        data: [
          { object: 'embedding', index: 1, embedding: b },
          { object: 'embedding', index: 0, embedding: a },
        ],
        model: 'text-embedding-3-small',
        usage: { prompt_tokens: 2, total_tokens: 2 },
      },
    });
    const [first, second] = await embedder().embed(['a', 'b'], 'query');
    expect(Array.from(first!)).toEqual(Array.from(Float32Array.from(a)));
    expect(Array.from(second!)).toEqual(Array.from(Float32Array.from(b)));
  });

  it('asks for shortened vectors with `dimensions` when configured', async () => {
    const before = server.requests.length;
    const [v] = await embedder({ dim: 4, requestDimensions: true }).embed(['short'], 'query');
    expect((server.requests[before]!.body as { dimensions: number }).dimensions).toBe(4);
    expect(v).toHaveLength(4);
  });

  it('redacts PII before embedding', async () => {
    const before = server.requests.length;
    await embedder().embed(['contact alex@example.com'], 'document');
    expect(server.requests[before]!.rawBody).not.toContain('alex@example.com');
    expect((server.requests[before]!.body as { input: string[] }).input).toEqual([
      redactPii('contact alex@example.com'),
    ]);
  });

  it('rejects vectors of the wrong width', async () => {
    await expect(embedder({ dim: 3 }).embed(['x'], 'query')).rejects.toThrow(
      'openai: expected embeddings of dimension 3, got 8',
    );
  });

  it('maps timeouts, 429, 401 and malformed JSON to typed errors', async () => {
    server.enqueue({ status: 200, body: {}, delayMs: 2_000 });
    await expect(embedder({ timeoutMs: 150 }).embed(['x'], 'query')).rejects.toBeInstanceOf(
      ProviderTimeoutError,
    );
    server.enqueue(
      openAIError(429, 'tokens', 'Rate limit reached', 'rate_limit_exceeded', { 'retry-after': '2' }),
    );
    const limited = await embedder()
      .embed(['x'], 'query')
      .catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(ProviderRateLimitError);
    expect((limited as ProviderRateLimitError).retryAfterMs).toBe(2_000);
    await expect(embedder({ apiKey: 'sk-nope' }).embed(['x'], 'query')).rejects.toBeInstanceOf(
      ProviderAuthError,
    );
    server.enqueue({ status: 200, raw: '{"object":"list","data":[' });
    await expect(embedder().embed(['x'], 'query')).rejects.toBeInstanceOf(ProviderResponseError);
  });

  it('makes no request for an empty input list', async () => {
    const before = server.requests.length;
    await expect(embedder().embed([], 'document')).resolves.toEqual([]);
    expect(server.requests.length).toBe(before);
  });
});
