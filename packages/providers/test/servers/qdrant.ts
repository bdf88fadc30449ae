import { RecordingServer, header, type RecordedRequest, type Reply } from './http.js';

/**
 * An in-memory Qdrant speaking the REST API the adapter uses: collection exists/info/create, payload index
 * creation, point upsert/delete and the Query API with prefetch + RRF fusion. Replies use Qdrant's envelope
 * `{ result, status: "ok", time }`; errors use `{ status: { error }, time }`.
 */
export const QDRANT_TEST_KEY = 'qdrant-test-key';

interface Point {
  id: string | number;
  dense: Record<string, number[]>;
  sparse: Record<string, { indices: number[]; values: number[] }>;
  payload: Record<string, unknown>;
}

interface Collection {
  vectors: Record<string, { size: number; distance: string }>;
  sparseVectors: Record<string, Record<string, unknown>>;
  payloadSchema: Record<string, { data_type: string; points: number }>;
  points: Map<string, Point>;
}

const ok = (result: unknown): Reply => ({ status: 200, body: { result, status: 'ok', time: 0.0001 } });
const fail = (status: number, error: string): Reply => ({ status, body: { status: { error }, time: 0 } });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Qdrant's RRF constant: score = sum of 1 / (k + rank) with 0-based ranks. */
const RRF_K = 2;

export class FakeQdrant {
  readonly collections = new Map<string, Collection>();
  #operation = 0;

  handle(req: RecordedRequest): Reply {
    if (header(req, 'api-key') !== QDRANT_TEST_KEY) {
      return {
        status: 401,
        raw: 'Must provide an API key or an Authorization bearer token',
        headers: { 'content-type': 'text/plain' },
      };
    }
    const m = /^\/collections\/([^/]+)(\/.*)?$/.exec(req.path);
    if (!m) return fail(404, `Not found: ${req.path}`);
    const name = decodeURIComponent(m[1]!);
    const rest = m[2] ?? '';
    const col = this.collections.get(name);
    const route = `${req.method} ${rest}`;
    if (route === 'GET /exists') return ok({ exists: col !== undefined });
    if (route === 'PUT ') return this.#create(name, req.body);
    if (!col) return fail(404, `Not found: Collection \`${name}\` doesn't exist!`);
    switch (route) {
      case 'GET ':
        return ok(this.#info(col));
      case 'PUT /index':
        return this.#index(col, req.body);
      case 'PUT /points':
        return this.#upsert(col, req.body);
      case 'POST /points/delete':
        return this.#delete(col, req.body);
      case 'POST /points/query':
        return this.#query(col, req.body);
      default:
        return fail(404, `Not found: ${req.method} ${req.path}`);
    }
  }

  #create(name: string, body: unknown): Reply {
    if (this.collections.has(name)) return fail(409, `Wrong input: Collection \`${name}\` already exists!`);
    const b = body as {
      vectors?: Record<string, { size?: unknown; distance?: unknown }>;
      sparse_vectors?: Record<string, object>;
    };
    const vectors: Collection['vectors'] = {};
    for (const [vname, params] of Object.entries(b?.vectors ?? {})) {
      if (
        typeof params.size !== 'number' ||
        !['Cosine', 'Dot', 'Euclid', 'Manhattan'].includes(String(params.distance))
      ) {
        return fail(400, `Format error in JSON body: invalid vector params for \`${vname}\``);
      }
      vectors[vname] = { size: params.size, distance: String(params.distance) };
    }
    this.collections.set(name, {
      vectors,
      sparseVectors: Object.fromEntries(
        Object.entries(b?.sparse_vectors ?? {}).map(([k, v]) => [k, { ...v }]),
      ),
      payloadSchema: {},
      points: new Map(),
    });
    return ok(true);
  }

  #info(col: Collection) {
    return {
      status: 'green',
      optimizer_status: 'ok',
      indexed_vectors_count: 0,
      points_count: col.points.size,
      segments_count: 1,
      config: {
        params: {
          vectors: col.vectors,
          sparse_vectors: col.sparseVectors,
          shard_number: 1,
          replication_factor: 1,
          write_consistency_factor: 1,
          on_disk_payload: true,
        },
        hnsw_config: {
          m: 16,
          ef_construct: 100,
          full_scan_threshold: 10000,
          max_indexing_threads: 0,
          on_disk: false,
        },
        optimizer_config: {
          deleted_threshold: 0.2,
          vacuum_min_vector_number: 1000,
          default_segment_number: 0,
          max_segment_size: null,
          memmap_threshold: null,
          indexing_threshold: 20000,
          flush_interval_sec: 5,
          max_optimization_threads: null,
        },
        wal_config: { wal_capacity_mb: 32, wal_segments_ahead: 0 },
        quantization_config: null,
      },
      payload_schema: col.payloadSchema,
    };
  }

  #updated(): Reply {
    return ok({ operation_id: ++this.#operation, status: 'completed' });
  }

  #index(col: Collection, body: unknown): Reply {
    const b = body as { field_name?: unknown; field_schema?: unknown };
    if (typeof b?.field_name !== 'string' || typeof b.field_schema !== 'string') {
      return fail(400, 'Format error in JSON body: field_name and field_schema are required');
    }
    col.payloadSchema[b.field_name] = { data_type: b.field_schema, points: 0 };
    return this.#updated();
  }

  #upsert(col: Collection, body: unknown): Reply {
    const points = (body as { points?: unknown })?.points;
    if (!Array.isArray(points)) return fail(400, 'Format error in JSON body: missing field `points`');
    const staged: Point[] = [];
    for (const p of points as Array<{
      id?: unknown;
      vector?: Record<string, unknown>;
      payload?: Record<string, unknown>;
    }>) {
      if (
        !(typeof p.id === 'string' && UUID.test(p.id)) &&
        !(typeof p.id === 'number' && Number.isInteger(p.id) && p.id >= 0)
      ) {
        return fail(
          400,
          `Format error in JSON body: value ${String(p.id)} is not a valid point ID, valid values are either an unsigned integer or a UUID`,
        );
      }
      const point: Point = { id: p.id, dense: {}, sparse: {}, payload: p.payload ?? {} };
      for (const [vname, v] of Object.entries(p.vector ?? {})) {
        if (col.vectors[vname]) {
          if (!Array.isArray(v) || v.length !== col.vectors[vname].size) {
            return fail(
              400,
              `Wrong input: Vector dimension error: expected dim: ${col.vectors[vname].size}, got ${Array.isArray(v) ? v.length : 0}`,
            );
          }
          point.dense[vname] = v as number[];
        } else if (col.sparseVectors[vname]) {
          const s = v as { indices?: unknown; values?: unknown };
          if (!Array.isArray(s.indices) || !Array.isArray(s.values) || s.indices.length !== s.values.length) {
            return fail(400, 'Wrong input: Sparse vector indices and values must have the same length');
          }
          point.sparse[vname] = { indices: s.indices as number[], values: s.values as number[] };
        } else {
          return fail(400, `Wrong input: Not existing vector name error: ${vname}`);
        }
      }
      staged.push(point);
    }
    for (const p of staged) col.points.set(String(p.id), p);
    return this.#updated();
  }

  #delete(col: Collection, body: unknown): Reply {
    const ids = (body as { points?: unknown })?.points;
    if (!Array.isArray(ids)) return fail(400, 'Format error in JSON body: expected `points` or `filter`');
    for (const id of ids) col.points.delete(String(id));
    return this.#updated();
  }

  #query(col: Collection, body: unknown): Reply {
    const b = body as { prefetch?: unknown; query?: unknown; limit?: unknown; with_payload?: unknown };
    if (!Array.isArray(b?.prefetch) || (b.query as { fusion?: unknown })?.fusion !== 'rrf') {
      return fail(400, 'Wrong input: this fake supports only prefetch + { fusion: "rrf" } queries');
    }
    const fused = new Map<string, number>();
    for (const pre of b.prefetch as Array<{
      query?: unknown;
      using?: unknown;
      limit?: unknown;
      filter?: unknown;
    }>) {
      const using = String(pre.using);
      const candidates = [...col.points.values()].filter((p) => matches(p.payload, pre.filter));
      let scored: Array<{ id: string; score: number }>;
      if (col.vectors[using]) {
        if (!Array.isArray(pre.query) || pre.query.length !== col.vectors[using].size) {
          return fail(400, `Wrong input: Vector dimension error: expected dim: ${col.vectors[using].size}`);
        }
        const q = pre.query as number[];
        scored = candidates.flatMap((p) =>
          p.dense[using] ? [{ id: String(p.id), score: cosine(q, p.dense[using]) }] : [],
        );
      } else if (col.sparseVectors[using]) {
        const q = pre.query as { indices: number[]; values: number[] };
        scored = candidates.flatMap((p) => {
          const s = p.sparse[using];
          return s ? [{ id: String(p.id), score: sparseDot(q, s) }] : [];
        });
        // Sparse search only returns points sharing at least one index with the query.
        scored = scored.filter((s) => s.score > 0);
      } else {
        return fail(400, `Wrong input: Not existing vector name error: ${using}`);
      }
      scored.sort((x, y) => y.score - x.score);
      scored
        .slice(0, Number(pre.limit ?? 10))
        .forEach((s, rank) => fused.set(s.id, (fused.get(s.id) ?? 0) + 1 / (RRF_K + rank)));
    }
    const limit = Number(b.limit ?? 10);
    const points = [...fused.entries()]
      .sort((x, y) => y[1] - x[1])
      .slice(0, limit)
      .map(([id, score]) => {
        const p = col.points.get(id)!;
        return { id: p.id, version: 0, score, ...(b.with_payload ? { payload: p.payload } : {}) };
      });
    return ok({ points });
  }
}

function matches(payload: Record<string, unknown>, filter: unknown): boolean {
  const must =
    (filter as { must?: Array<{ key: string; match: { value: unknown } }> } | undefined)?.must ?? [];
  return must.every((c) => payload[c.key] === c.match.value);
}

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  a.forEach((x, i) => {
    dot += x * b[i]!;
    na += x * x;
    nb += b[i]! * b[i]!;
  });
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

function sparseDot(
  a: { indices: number[]; values: number[] },
  b: { indices: number[]; values: number[] },
): number {
  const weights = new Map(b.indices.map((i, k) => [i, b.values[k]!]));
  return a.indices.reduce((sum, i, k) => sum + a.values[k]! * (weights.get(i) ?? 0), 0);
}

export async function qdrantServer(): Promise<{ server: RecordingServer; qdrant: FakeQdrant }> {
  const qdrant = new FakeQdrant();
  const server = await new RecordingServer((req) => qdrant.handle(req)).start();
  return { server, qdrant };
}
