import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback server speaking the part of Qdrant's REST API that `QdrantVectorStore` uses: collection
 * exists/info/create, payload indexes, point upsert/delete and the Query API with a dense and a sparse
 * prefetch fused by RRF (`1 / (2 + rank)`, ranks from 0, as Qdrant). Replies use Qdrant's
 * `{ result, status, time }` envelope. For tests only: everything lives in memory.
 */
export interface FakeQdrant {
  url: string;
  apiKey: string;
  /** Method and path of every request, in order. */
  requests: { method: string; path: string }[];
  points(collection: string): Map<string, FakePoint>;
  close(): Promise<void>;
}

export interface FakePoint {
  dense: number[];
  sparse: { indices: number[]; values: number[] };
  payload: Record<string, unknown>;
}

interface Collection {
  size: number;
  points: Map<string, FakePoint>;
  payloadSchema: Record<string, unknown>;
}

type Reply = [status: number, body: unknown];
const ok = (result: unknown): Reply => [200, { result, status: 'ok', time: 0 }];
const fail = (status: number, error: string): Reply => [status, { status: { error }, time: 0 }];

export async function startFakeQdrant(apiKey = 'fake-qdrant-key'): Promise<FakeQdrant> {
  const collections = new Map<string, Collection>();
  const requests: { method: string; path: string }[] = [];

  const route = (method: string, path: string, body: Record<string, unknown>): Reply => {
    const m = /^\/collections\/([^/]+)(\/.*)?$/.exec(path);
    if (!m) return fail(404, `no route ${method} ${path}`);
    const name = decodeURIComponent(m[1]!);
    const rest = `${method} ${m[2] ?? ''}`;
    const col = collections.get(name);
    if (rest === 'GET /exists') return ok({ exists: col !== undefined });
    if (rest === 'PUT ') {
      if (col) return fail(409, `Collection \`${name}\` already exists!`);
      const dense = (body.vectors as Record<string, { size: number }> | undefined)?.dense;
      if (!dense) return fail(400, 'a dense vector named "dense" is required');
      collections.set(name, { size: dense.size, points: new Map(), payloadSchema: {} });
      return ok(true);
    }
    if (!col) return fail(404, `Collection \`${name}\` doesn't exist!`);
    switch (rest) {
      case 'GET ':
        return ok({
          status: 'green',
          points_count: col.points.size,
          config: {
            params: {
              vectors: { dense: { size: col.size, distance: 'Cosine' } },
              sparse_vectors: { sparse: {} },
            },
          },
          payload_schema: col.payloadSchema,
        });
      case 'PUT /index':
        col.payloadSchema[String(body.field_name)] = { data_type: body.field_schema, points: 0 };
        return ok({ operation_id: 0, status: 'completed' });
      case 'PUT /points':
        for (const p of body.points as {
          id: string;
          vector: Record<string, unknown>;
          payload: Record<string, unknown>;
        }[]) {
          const dense = p.vector.dense as number[];
          if (dense.length !== col.size)
            return fail(400, `Vector dimension error: expected dim: ${col.size}`);
          col.points.set(p.id, { dense, sparse: p.vector.sparse as FakePoint['sparse'], payload: p.payload });
        }
        return ok({ operation_id: 0, status: 'completed' });
      case 'POST /points/delete':
        for (const id of body.points as string[]) col.points.delete(id);
        return ok({ operation_id: 0, status: 'completed' });
      case 'POST /points/query':
        return ok({ points: query(col, body) });
      default:
        return fail(404, `no route ${method} ${path}`);
    }
  };

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      requests.push({ method: req.method ?? 'GET', path });
      const raw = Buffer.concat(chunks).toString('utf8');
      const [status, body] =
        req.headers['api-key'] !== apiKey
          ? fail(401, 'Must provide an API key')
          : route(req.method ?? 'GET', path, raw ? (JSON.parse(raw) as Record<string, unknown>) : {});
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    apiKey,
    requests,
    points: (name) => collections.get(name)?.points ?? new Map(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface Prefetch {
  query: number[] | { indices: number[]; values: number[] };
  using: string;
  limit: number;
  filter?: { must?: { key: string; match: { value: unknown } }[] };
}

function query(col: Collection, body: Record<string, unknown>) {
  const fused = new Map<string, number>();
  for (const pre of body.prefetch as Prefetch[]) {
    const candidates = [...col.points.entries()].filter(([, p]) =>
      (pre.filter?.must ?? []).every((c) => p.payload[c.key] === c.match.value),
    );
    const scored = candidates
      .map(([id, p]) => ({
        id,
        score: Array.isArray(pre.query) ? cosine(pre.query, p.dense) : sparseDot(pre.query, p.sparse),
      }))
      // A sparse leg only returns points sharing a term with the query.
      .filter((s) => Array.isArray(pre.query) || s.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, pre.limit);
    scored.forEach((s, rank) => fused.set(s.id, (fused.get(s.id) ?? 0) + 1 / (2 + rank)));
  }
  return [...fused.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, Number(body.limit ?? 10))
    .map(([id, score]) => ({ id, version: 0, score, payload: col.points.get(id)!.payload }));
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
  q: { indices: number[]; values: number[] },
  d: { indices: number[]; values: number[] },
): number {
  const w = new Map(d.indices.map((i, k) => [i, d.values[k]!]));
  return q.indices.reduce((sum, i, k) => sum + q.values[k]! * (w.get(i) ?? 0), 0);
}
