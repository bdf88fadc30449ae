import type { CohereClientV2 } from 'cohere-ai';
import { redactPii } from '@parley/pii';
import { chunk, toVectors } from './batch.js';
import { ProviderError, ProviderResponseError, ProviderTimeoutError, errorForStatus } from './errors.js';
import { errorName } from './sdk-errors.js';
import { clientOf, onFirstUse } from './sdk-load.js';
import type { EmbedKind, Embedder, RerankResult, Reranker } from './types.js';

/** Cohere's documented cap on texts per v2 embed call. */
const MAX_EMBED_TEXTS = 96;

export interface CohereClientOptions {
  apiKey: string;
  baseUrl?: string | undefined;
  timeoutMs: number;
  maxRetries: number;
}

const cohereSdk = onFirstUse(() => import('cohere-ai'));

function cohereClient(opts: CohereClientOptions): () => Promise<CohereClientV2> {
  return clientOf(async () => {
    const { CohereClientV2 } = await cohereSdk();
    return new CohereClientV2({
      token: opts.apiKey,
      ...(opts.baseUrl !== undefined ? { baseUrl: opts.baseUrl } : {}),
      timeoutInSeconds: opts.timeoutMs / 1000,
      maxRetries: opts.maxRetries,
    });
  });
}

type CohereSdk = Awaited<ReturnType<typeof cohereSdk>>;

function mapCohereError(
  err: unknown,
  { CohereError, CohereTimeoutError }: CohereSdk,
  timeoutMs: number,
  startedAt: number,
): unknown {
  if (err instanceof ProviderError) return err;
  if (err instanceof CohereTimeoutError) return new ProviderTimeoutError('cohere', timeoutMs);
  if (err instanceof CohereError) {
    const status = err.statusCode;
    if (status === undefined) {
      // The SDK spots its timeout by an AbortError `instanceof Error`, which fails when the abort comes from
      // another realm (vm sandboxes); a status-less failure after the whole deadline is that timeout.
      if (Date.now() - startedAt >= timeoutMs) return new ProviderTimeoutError('cohere', timeoutMs);
      return new ProviderResponseError('cohere', 'connection failed', undefined, true);
    }
    // The SDK reports an unparseable 2xx body as a CohereError carrying that 2xx status.
    if (status >= 200 && status < 300)
      return new ProviderResponseError('cohere', 'response body was not valid JSON', status);
    return errorForStatus('cohere', status, err.rawResponse?.headers);
  }
  return new ProviderResponseError('cohere', `client failed (${errorName(err)})`);
}

export interface CohereEmbedderOptions extends CohereClientOptions {
  model: string;
  dim: number;
  /** Send `output_dimension` (embed-v4 models can shorten vectors); v3 models reject it. */
  requestDimensions?: boolean | undefined;
}

/** v2 embed (`POST /v2/embed`) with `search_query` / `search_document` input types and float embeddings. */
export class CohereEmbedder implements Embedder {
  readonly dim: number;
  readonly #client: () => Promise<CohereClientV2>;
  readonly #opts: CohereEmbedderOptions;

  constructor(opts: CohereEmbedderOptions) {
    this.dim = opts.dim;
    this.#opts = opts;
    this.#client = cohereClient(opts);
  }

  async embed(texts: string[], kind: EmbedKind): Promise<Float32Array[]> {
    const [sdk, client] = [await cohereSdk(), await this.#client()];
    const out: Float32Array[] = [];
    for (const batch of chunk(texts, MAX_EMBED_TEXTS)) {
      let floats: unknown;
      const startedAt = Date.now();
      try {
        const res = await client.embed({
          model: this.#opts.model,
          texts: batch.map(redactPii),
          inputType: kind === 'query' ? 'search_query' : 'search_document',
          embeddingTypes: ['float'],
          ...(this.#opts.requestDimensions ? { outputDimension: this.dim } : {}),
        });
        floats = res?.embeddings?.float;
      } catch (err) {
        throw mapCohereError(err, sdk, this.#opts.timeoutMs, startedAt);
      }
      out.push(...toVectors(floats, batch.length, this.dim, (p) => new ProviderResponseError('cohere', p)));
    }
    return out;
  }
}

export interface CohereRerankerOptions extends CohereClientOptions {
  model: string;
}

/** v2 rerank (`POST /v2/rerank`): relevance scores for documents against a query, best first. */
export class CohereReranker implements Reranker {
  readonly #client: () => Promise<CohereClientV2>;
  readonly #opts: CohereRerankerOptions;

  constructor(opts: CohereRerankerOptions) {
    this.#opts = opts;
    this.#client = cohereClient(opts);
  }

  async rerank(query: string, documents: string[], topN?: number): Promise<RerankResult[]> {
    if (documents.length === 0) return [];
    if (topN !== undefined && (!Number.isInteger(topN) || topN < 1)) {
      throw new TypeError(`rerank topN must be a positive integer, got ${topN}`);
    }
    const [sdk, client] = [await cohereSdk(), await this.#client()];
    let results: unknown;
    const startedAt = Date.now();
    try {
      const res = await client.rerank({
        model: this.#opts.model,
        query: redactPii(query),
        documents: documents.map(redactPii),
        ...(topN !== undefined ? { topN } : {}),
      });
      results = res?.results;
    } catch (err) {
      throw mapCohereError(err, sdk, this.#opts.timeoutMs, startedAt);
    }
    return parseRerankResults(results, documents.length);
  }
}

function parseRerankResults(results: unknown, documentCount: number): RerankResult[] {
  if (!Array.isArray(results)) throw new ProviderResponseError('cohere', 'rerank response has no results');
  return results
    .map((r: { index?: unknown; relevanceScore?: unknown }) => {
      const { index, relevanceScore } = r ?? {};
      if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= documentCount) {
        throw new ProviderResponseError('cohere', 'rerank result index is out of range');
      }
      if (typeof relevanceScore !== 'number')
        throw new ProviderResponseError('cohere', 'rerank result has no score');
      return { index, score: relevanceScore };
    })
    .sort((a, b) => b.score - a.score);
}
