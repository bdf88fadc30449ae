import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { redactPii } from '@parley/pii';
import { CohereEmbedder, CohereReranker } from '../src/cohere.js';
import {
  ProviderAuthError,
  ProviderRateLimitError,
  ProviderResponseError,
  ProviderTimeoutError,
} from '../src/errors.js';
import { COHERE_EMBED_DIM, COHERE_TEST_KEY, cohereError, cohereServer } from './servers/cohere.js';
import { fakeVector, type RecordingServer } from './servers/http.js';

let server: RecordingServer;
beforeAll(async () => {
  server = await cohereServer();
});
afterAll(() => server.close());

const common = () => ({ apiKey: COHERE_TEST_KEY, baseUrl: server.url, timeoutMs: 5_000, maxRetries: 0 });
const embedder = (overrides = {}) =>
  new CohereEmbedder({ ...common(), model: 'embed-v4.0', dim: COHERE_EMBED_DIM, ...overrides });
const reranker = (overrides = {}) => new CohereReranker({ ...common(), model: 'rerank-v3.5', ...overrides });

describe('CohereEmbedder', () => {
  it('sends v2 embed with search_document for documents and search_query for queries', async () => {
    const before = server.requests.length;
    const docs = await embedder().embed(['How do refunds work?'], 'document');
    const queries = await embedder().embed(['refund'], 'query');

    const [docReq, queryReq] = server.requests.slice(before);
    expect(docReq!.method).toBe('POST');
    expect(docReq!.path).toBe('/v2/embed');
    expect(docReq!.headers.authorization).toBe(`Bearer ${COHERE_TEST_KEY}`);
    expect(docReq!.body).toEqual({
      model: 'embed-v4.0',
      texts: ['How do refunds work?'],
      input_type: 'search_document',
      embedding_types: ['float'],
    });
    expect((queryReq!.body as { input_type: string }).input_type).toBe('search_query');

    expect(docs[0]).toBeInstanceOf(Float32Array);
    expect(Array.from(docs[0]!)).toEqual(
      Array.from(Float32Array.from(fakeVector('search_document:How do refunds work?', COHERE_EMBED_DIM))),
    );
    expect(Array.from(queries[0]!)).toEqual(
      Array.from(Float32Array.from(fakeVector('search_query:refund', COHERE_EMBED_DIM))),
    );
  });

  it('splits more than 96 texts into several calls and keeps the order', async () => {
    const texts = Array.from({ length: 100 }, (_, i) => `text ${i}`);
    const before = server.requests.length;
    const vectors = await embedder().embed(texts, 'document');
    const sent = server.requests.slice(before).map((r) => (r.body as { texts: string[] }).texts.length);
    expect(sent).toEqual([96, 4]);
    expect(Array.from(vectors[99]!)).toEqual(
      Array.from(Float32Array.from(fakeVector('search_document:text 99', COHERE_EMBED_DIM))),
    );
  });

  it('sends output_dimension when asked to shorten vectors', async () => {
    const before = server.requests.length;
    const [v] = await embedder({ dim: 4, requestDimensions: true }).embed(['x'], 'query');
    expect((server.requests[before]!.body as { output_dimension: number }).output_dimension).toBe(4);
    expect(v).toHaveLength(4);
  });

  it('redacts PII before embedding', async () => {
    const before = server.requests.length;
    await embedder().embed(['reach me at kim@example.net'], 'query');
    expect(server.requests[before]!.rawBody).not.toContain('kim@example.net');
    expect((server.requests[before]!.body as { texts: string[] }).texts).toEqual([
      redactPii('reach me at kim@example.net'),
    ]);
  });

  it('maps timeouts, 429, 401 and malformed JSON to typed errors', async () => {
    server.enqueue({ status: 200, body: {}, delayMs: 2_000 });
    await expect(embedder({ timeoutMs: 150 }).embed(['x'], 'query')).rejects.toBeInstanceOf(
      ProviderTimeoutError,
    );

    server.enqueue(
      cohereError(429, 'You are using a Trial key, which is limited to 100 API calls / minute.', {
        'retry-after': '9',
      }),
    );
    const limited = await embedder()
      .embed(['x'], 'query')
      .catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(ProviderRateLimitError);
    expect((limited as ProviderRateLimitError).retryAfterMs).toBe(9_000);

    await expect(embedder({ apiKey: 'co-wrong' }).embed(['x'], 'query')).rejects.toBeInstanceOf(
      ProviderAuthError,
    );

    // The SDK hands an unparseable 2xx body back as text; the shape check turns that into a response error.
    server.enqueue({ status: 200, raw: '{"id":"e","embeddings":{"float":[[0.1,' });
    const malformed = await embedder()
      .embed(['x'], 'query')
      .catch((e: unknown) => e);
    expect(malformed).toBeInstanceOf(ProviderResponseError);
    expect((malformed as Error).message).toMatch(/^cohere: /);
  });

  it('rejects a response with the wrong number of embeddings', async () => {
    server.enqueue({
      status: 200,
      body: { id: 'e', embeddings: { float: [] }, texts: [], meta: {}, response_type: 'embeddings_by_type' },
    });
    await expect(embedder().embed(['x'], 'query')).rejects.toBeInstanceOf(ProviderResponseError);
  });
});

describe('CohereReranker', () => {
  it('sends v2 rerank and returns indices into the input with relevance scores, best first', async () => {
    const docs = [
      'Shipping takes 3 days',
      'Refunds are issued within 5 days of return',
      'Our office is in Leeds',
    ];
    const before = server.requests.length;
    const results = await reranker().rerank('how long do refunds take', docs, 2);
    const req = server.requests[before]!;
    expect(req.path).toBe('/v2/rerank');
    expect(req.headers.authorization).toBe(`Bearer ${COHERE_TEST_KEY}`);
    expect(req.body).toEqual({
      model: 'rerank-v3.5',
      query: 'how long do refunds take',
      documents: docs,
      top_n: 2,
    });
    expect(results).toHaveLength(2);
    expect(results[0]!.index).toBe(1);
    expect(results[0]!.score).toBeGreaterThan(results[1]!.score);
  });

  it('redacts PII in the query and documents', async () => {
    const before = server.requests.length;
    await reranker().rerank('order for lee@example.com', ['lee@example.com asked about a refund']);
    const req = server.requests[before]!;
    expect(req.rawBody).not.toContain('lee@example.com');
    expect(req.body).toMatchObject({
      query: redactPii('order for lee@example.com'),
      documents: [redactPii('lee@example.com asked about a refund')],
    });
  });

  it('rejects results pointing outside the documents', async () => {
    server.enqueue({
      status: 200,
      body: { id: 'r', results: [{ index: 5, relevance_score: 0.9 }], meta: {} },
    });
    await expect(reranker().rerank('q', ['only one'])).rejects.toThrow(
      'cohere: rerank result index is out of range',
    );
  });

  it('maps 401 to ProviderAuthError and makes no call for no documents', async () => {
    await expect(reranker({ apiKey: 'co-wrong' }).rerank('q', ['d'])).rejects.toBeInstanceOf(
      ProviderAuthError,
    );
    const before = server.requests.length;
    await expect(reranker().rerank('q', [])).resolves.toEqual([]);
    expect(server.requests.length).toBe(before);
  });
});
