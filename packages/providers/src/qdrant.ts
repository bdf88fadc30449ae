import type { QdrantClient } from '@qdrant/js-client-rest';
import { redactPii } from '@parley/pii';
import {
  ProviderConfigError,
  ProviderError,
  ProviderRateLimitError,
  ProviderResponseError,
  ProviderTimeoutError,
  errorForStatus,
} from './errors.js';
import type {
  HybridQuery,
  PayloadFilter,
  SparseVector,
  VectorHit,
  VectorPoint,
  VectorStore,
} from './types.js';
import { errorName, isSyntaxError } from './sdk-errors.js';
import { clientOf, onFirstUse } from './sdk-load.js';
import { uuidV5 } from './uuid.js';

/** Payload key holding the caller's string id; Qdrant itself only knows the derived UUID. */
export const ORIGINAL_ID_KEY = 'parley_id';
export const DENSE_VECTOR = 'dense';
export const SPARSE_VECTOR = 'sparse';

export type PayloadIndexType = 'keyword' | 'integer' | 'float' | 'bool';

export interface QdrantStoreOptions {
  url: string;
  apiKey?: string | undefined;
  timeoutMs: number;
  /** The Qdrant client has no retry option of its own, so transient failures are retried here, this many times. */
  maxRetries: number;
  /** Payload keys used in filters; each gets a payload index so filtered queries stay fast. */
  payloadIndexes?: Record<string, PayloadIndexType> | undefined;
  /** Prefetch depth per leg is `limit * prefetchFactor` so fusion has candidates beyond the final cut. */
  prefetchFactor?: number | undefined;
  /** Base delay for retries without a retry-after; exposed so tests need not wait. */
  retryBaseDelayMs?: number | undefined;
}

/**
 * Hybrid dense + sparse store on Qdrant: a named dense vector (cosine) and a named sparse vector per point,
 * queried through the Query API with one prefetch per vector fused by reciprocal rank fusion.
 */
const qdrantSdk = onFirstUse(() => import('@qdrant/js-client-rest'));

type QdrantSdk = Awaited<ReturnType<typeof qdrantSdk>>;

export class QdrantVectorStore implements VectorStore {
  readonly #client: () => Promise<QdrantClient>;
  readonly #opts: QdrantStoreOptions;

  constructor(opts: QdrantStoreOptions) {
    this.#opts = opts;
    this.#client = clientOf(
      async () =>
        new (await qdrantSdk()).QdrantClient({
          url: opts.url,
          ...(opts.apiKey !== undefined ? { apiKey: opts.apiKey } : {}),
          timeout: opts.timeoutMs,
          // The version probe is a request at construction time that nobody awaits; health checks own that job.
          checkCompatibility: false,
        }),
    );
  }

  async ensureCollection(name: string, { denseDim }: { denseDim: number }): Promise<void> {
    assertName(name);
    if (!Number.isInteger(denseDim) || denseDim < 1)
      throw new TypeError(`denseDim must be a positive integer, got ${denseDim}`);
    const { exists } = await this.#call((client) => client.collectionExists(name));
    if (!exists) {
      try {
        await this.#call((client) =>
          client.createCollection(name, {
            vectors: { [DENSE_VECTOR]: { size: denseDim, distance: 'Cosine' } },
            sparse_vectors: { [SPARSE_VECTOR]: {} },
          }),
        );
      } catch (err) {
        // Another replica created it between our check and create: fall through to verifying its config.
        if (!(err instanceof ProviderResponseError && err.status === 409)) throw err;
      }
    }
    const info = await this.#call((client) => client.getCollection(name));
    verifyConfig(name, info, denseDim);
    const existing = new Set(Object.keys(info.payload_schema ?? {}));
    for (const [field, type] of Object.entries(this.#opts.payloadIndexes ?? {})) {
      if (existing.has(field)) continue;
      await this.#call((client) =>
        client.createPayloadIndex(name, { field_name: field, field_schema: type, wait: true }),
      );
    }
  }

  async upsert(name: string, points: VectorPoint[]): Promise<void> {
    assertName(name);
    if (points.length === 0) return;
    const body = points.map((p) => {
      assertSparse(p.sparse, `point ${JSON.stringify(p.id)}`);
      if (p.dense.length === 0)
        throw new TypeError(`point ${JSON.stringify(p.id)} has an empty dense vector`);
      return {
        id: uuidV5(p.id),
        vector: {
          [DENSE_VECTOR]: p.dense,
          [SPARSE_VECTOR]: { indices: p.sparse.indices, values: p.sparse.values },
        },
        payload: { ...redactPayload(p.payload), [ORIGINAL_ID_KEY]: p.id },
      };
    });
    await this.#call((client) => client.upsert(name, { wait: true, points: body }));
  }

  async delete(name: string, ids: string[]): Promise<void> {
    assertName(name);
    if (ids.length === 0) return;
    await this.#call((client) => client.delete(name, { wait: true, points: ids.map((id) => uuidV5(id)) }));
  }

  async hybridQuery(name: string, q: HybridQuery): Promise<VectorHit[]> {
    assertName(name);
    if (!Number.isInteger(q.limit) || q.limit < 1)
      throw new TypeError(`limit must be a positive integer, got ${q.limit}`);
    assertSparse(q.sparse, 'query');
    const filter = q.filter && Object.keys(q.filter).length > 0 ? toFilter(q.filter) : undefined;
    const depth = q.limit * (this.#opts.prefetchFactor ?? 4);
    const res = await this.#call((client) =>
      client.query(name, {
        prefetch: [
          { query: q.dense, using: DENSE_VECTOR, limit: depth, ...(filter ? { filter } : {}) },
          {
            query: { indices: q.sparse.indices, values: q.sparse.values },
            using: SPARSE_VECTOR,
            limit: depth,
            ...(filter ? { filter } : {}),
          },
        ],
        query: { fusion: 'rrf' },
        limit: q.limit,
        with_payload: true,
      }),
    );
    if (!Array.isArray(res?.points))
      throw new ProviderResponseError('qdrant', 'query response has no points');
    return res.points.map((p) => {
      const { [ORIGINAL_ID_KEY]: original, ...payload } = (p.payload ?? {}) as Record<string, unknown>;
      if (typeof original !== 'string') {
        throw new ProviderResponseError(
          'qdrant',
          `point ${String(p.id)} has no ${ORIGINAL_ID_KEY} in its payload`,
        );
      }
      return { id: original, score: p.score, payload };
    });
  }

  /** Runs one client call with bounded retries on failures that can clear up, mapped to typed errors. */
  async #call<T>(fn: (client: QdrantClient) => Promise<T>): Promise<T> {
    const [sdk, client] = [await qdrantSdk(), await this.#client()];
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn(client);
      } catch (raw) {
        const err = mapQdrantError(raw, sdk, this.#opts.timeoutMs);
        // A 409 from Qdrant is a conflict (collection already exists), not the transient lock timeout it can be elsewhere.
        if (
          !(err instanceof ProviderError) ||
          !err.retryable ||
          err.status === 409 ||
          attempt >= this.#opts.maxRetries
        ) {
          throw err;
        }
        const base = this.#opts.retryBaseDelayMs ?? 500;
        const delay =
          err instanceof ProviderRateLimitError && err.retryAfterMs !== undefined
            ? err.retryAfterMs
            : base * 2 ** attempt;
        await new Promise((resolve) => setTimeout(resolve, Math.min(delay, 30_000)));
      }
    }
  }
}

function mapQdrantError(
  err: unknown,
  {
    QdrantClientResourceExhaustedError,
    QdrantClientTimeoutError,
    QdrantClientUnexpectedResponseError,
  }: QdrantSdk,
  timeoutMs: number,
): unknown {
  if (err instanceof ProviderError) return err;
  // The client converts its timeout abort only when the AbortError is `instanceof Error` of its own realm; in a
  // vm sandbox the raw AbortError comes through instead. No caller signal reaches this client, so either is ours.
  if (err instanceof QdrantClientTimeoutError || errorName(err) === 'AbortError') {
    return new ProviderTimeoutError('qdrant', timeoutMs);
  }
  // Note: the client reads only the first character of retry-after here, so multi-digit values come out short.
  if (err instanceof QdrantClientResourceExhaustedError) {
    return new ProviderRateLimitError(
      'qdrant',
      Number.isFinite(err.retry_after) ? err.retry_after * 1000 : undefined,
    );
  }
  if (err instanceof QdrantClientUnexpectedResponseError)
    return new ProviderResponseError('qdrant', 'unexpected response status');
  if (isSyntaxError(err)) return new ProviderResponseError('qdrant', 'response body was not valid JSON');
  // The client's ApiError carries the HTTP status and response headers.
  const e = err as { status?: unknown; headers?: { get?: unknown } } | null;
  if (typeof e?.status === 'number' && typeof e.headers?.get === 'function') {
    return errorForStatus('qdrant', e.status, e.headers as Headers);
  }
  // fetch rejects with a TypeError when the connection itself fails.
  if (errorName(err) === 'TypeError') {
    return new ProviderResponseError('qdrant', 'connection failed', undefined, true);
  }
  return new ProviderResponseError('qdrant', `client failed (${errorName(err)})`);
}

interface CollectionInfoLike {
  config?: { params?: { vectors?: unknown; sparse_vectors?: unknown } };
  payload_schema?: Record<string, unknown>;
}

function verifyConfig(name: string, info: CollectionInfoLike, denseDim: number): void {
  const vectors = info.config?.params?.vectors as
    Record<string, { size?: unknown; distance?: unknown }> | undefined;
  const dense = vectors?.[DENSE_VECTOR];
  const sparse = (info.config?.params?.sparse_vectors as Record<string, unknown> | undefined)?.[
    SPARSE_VECTOR
  ];
  const problems: string[] = [];
  if (!dense) problems.push(`no '${DENSE_VECTOR}' vector`);
  else {
    if (dense.size !== denseDim)
      problems.push(`'${DENSE_VECTOR}' size is ${String(dense.size)}, expected ${denseDim}`);
    if (dense.distance !== 'Cosine')
      problems.push(`'${DENSE_VECTOR}' distance is ${String(dense.distance)}, expected Cosine`);
  }
  if (!sparse) problems.push(`no '${SPARSE_VECTOR}' sparse vector`);
  if (problems.length > 0) {
    throw new ProviderConfigError(
      'qdrant',
      `collection '${name}' exists with an incompatible config: ${problems.join('; ')}`,
    );
  }
}

function toFilter(filter: PayloadFilter) {
  return {
    must: Object.entries(filter).map(([key, value]) => ({
      key,
      // Stored string payload values are redacted, so the filter value must be too or it would never match.
      match: { value: typeof value === 'string' ? redactPii(value) : value },
    })),
  };
}

/** Payload text goes to the store (possibly hosted), so string values are redacted like any other outgoing text. */
function redactPayload(value: Record<string, unknown>): Record<string, unknown> {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redactPii(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, inner]) => [k, walk(inner)]));
    return v;
  };
  return walk(value) as Record<string, unknown>;
}

function assertSparse(sparse: SparseVector, what: string): void {
  if (sparse.indices.length !== sparse.values.length) {
    throw new TypeError(
      `${what}: sparse indices and values differ in length (${sparse.indices.length} vs ${sparse.values.length})`,
    );
  }
  if (!sparse.indices.every((i) => Number.isInteger(i) && i >= 0)) {
    throw new TypeError(`${what}: sparse indices must be non-negative integers`);
  }
}

function assertName(name: string): void {
  if (!/^[A-Za-z0-9_-]{1,255}$/.test(name))
    throw new TypeError(`invalid collection name ${JSON.stringify(name)}`);
}
