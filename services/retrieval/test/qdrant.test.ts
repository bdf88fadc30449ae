import { createHash } from 'node:crypto';
import { anonymousTurn, localRouting } from '@parley/contracts/testing';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BusHarness } from '@parley/bus/testing';
import { createBusHarness, waitFor } from '@parley/bus/testing';
import type { EnvelopeBase } from '@parley/contracts';
import { makeEvent, TicketRetrieved, TicketRouted } from '@parley/contracts';
import type { FakeQdrant } from '@parley/knowledge/testing/fake-qdrant';
import { startFakeQdrant } from '@parley/knowledge/testing/fake-qdrant';
import type { RunningService } from '@parley/runtime';
import { startService } from '@parley/runtime';
import { readServiceConfig } from '../src/config.js';
import { buildService } from '../src/service.js';

const COHERE_KEY = 'co-test';
const DIM = 32;
let h: BusHarness;
let qdrant: FakeQdrant;
let cohere: Server;
let cohereUrl: string;
let service: RunningService;
const inputTypes: string[] = [];
let rerankCalls = 0;
const seen: EnvelopeBase[] = [];

const words = (t: string) => t.toLowerCase().match(/[a-z]+/g) ?? [];
/** Bag-of-words hashed into DIM buckets: texts sharing words get similar vectors. */
function vector(text: string): number[] {
  const v = new Array<number>(DIM).fill(0);
  for (const w of words(text)) {
    let x = 0;
    for (const ch of w) x = (x * 31 + ch.charCodeAt(0)) >>> 0;
    v[x % DIM]! += 1;
  }
  return v;
}

/** Cohere's v2 embed and rerank, as the cohere-ai client calls them. */
function startCohere(): Promise<void> {
  cohere = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      const send = (status: number, json: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      if (req.headers.authorization !== `Bearer ${COHERE_KEY}`)
        return send(401, { message: 'invalid api token' });
      if (req.url === '/v2/embed') {
        inputTypes.push(String(body.input_type));
        const texts = body.texts as string[];
        return send(200, {
          id: 'e',
          embeddings: { float: texts.map(vector) },
          texts,
          meta: { api_version: { version: '2' } },
          response_type: 'embeddings_by_type',
        });
      }
      if (req.url === '/v2/rerank') {
        rerankCalls++;
        const q = new Set(words(String(body.query)));
        const results = (body.documents as string[])
          .map((d, index) => ({
            index,
            relevance_score: words(d).filter((w) => q.has(w)).length / (words(d).length + 1),
          }))
          .sort((a, b) => b.relevance_score - a.relevance_score);
        return send(200, { id: 'r', results, meta: { api_version: { version: '2' } } });
      }
      send(404, { message: 'no route' });
    });
  });
  return new Promise((resolve) =>
    cohere.listen(0, '127.0.0.1', () => {
      cohereUrl = `http://127.0.0.1:${(cohere.address() as AddressInfo).port}`;
      resolve();
    }),
  );
}

beforeAll(async () => {
  h = await createBusHarness('retrievalqdrant');
  qdrant = await startFakeQdrant();
  await startCohere();
  h.record('ticket.retrieved.v1', seen);
  const config = readServiceConfig({
    ...h.env(),
    RETRIEVAL_PORT: '0',
    RETRIEVAL_INDEX: 'qdrant',
    QDRANT_URL: qdrant.url,
    QDRANT_API_KEY: qdrant.apiKey,
    QDRANT_COLLECTION: 'kb_service',
    RETRIEVAL_EMBEDDER: 'cohere',
    RETRIEVAL_EMBEDDER_API_KEY: COHERE_KEY,
    RETRIEVAL_EMBEDDER_URL: cohereUrl,
    RETRIEVAL_EMBEDDER_DIM: String(DIM),
    RETRIEVAL_RERANKER: 'cohere',
    RETRIEVAL_RERANKER_API_KEY: COHERE_KEY,
    RETRIEVAL_RERANKER_URL: cohereUrl,
    RETRIEVAL_TOP_K: '3',
    RETRIEVAL_MIN_CONFIDENCE: '0.2',
    RETRIEVAL_REINDEX_INTERVAL: '0',
  });
  service = await startService(buildService(config));
});

afterAll(async () => {
  await service.stop();
  await h.close();
  await qdrant.close();
  cohere.closeAllConnections();
  await new Promise((r) => cohere.close(r));
});

describe('retrieval on Qdrant with hosted embeddings and reranking', () => {
  it('writes every stored chunk into the collection with document embeddings', async () => {
    const { n } = await h.db.db
      .selectFrom('kb_chunks')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(qdrant.points('kb_service').size).toBe(Number(n));
    expect(new Set(inputTypes)).toEqual(new Set(['search_document']));
  });

  it('answers a ticket from Qdrant with top k, the confidence floor and reranking as configured', async () => {
    const bus = await h.bus();
    await bus.publish(
      makeEvent(TicketRouted, {
        ticketId: 'qd-1',
        payload: {
          turn: 1,
          ticket: anonymousTurn('How long does a refund take to reach my card?'),
          routing: localRouting({ intent: 'refund_status' }),
        },
      }),
    );
    const event = await waitFor('ticket.retrieved', () => seen.find((e) => e.ticketId === 'qd-1'));
    const r = TicketRetrieved.envelope.parse(event).payload.retrieval;
    expect(r.index).toBe('qdrant');
    expect(r.passages.length).toBeGreaterThan(0);
    expect(r.passages.length).toBeLessThanOrEqual(3);
    expect(r.passages.every((p) => p.score >= 0.2 && typeof p.scores.rerank === 'number')).toBe(true);
    const reranks = r.passages.map((p) => p.scores.rerank!);
    expect(reranks).toEqual([...reranks].sort((a, b) => b - a));
    expect(r.passages.map((p) => p.articleId)).toContain('refund-timing');
    expect(inputTypes).toContain('search_query');
    expect(rerankCalls).toBe(1);
  });

  it('puts an ingest through the endpoint into the collection', async () => {
    const before = qdrant.points('kb_service').size;
    const res = await fetch(`${service.url}/v1/kb/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer none' },
      body: JSON.stringify({ kind: 'intercom', sourceId: 'ic', export: { type: 'list', data: [] } }),
    });
    expect(res.status).toBe(401);
    await h.db.db
      .insertInto('api_keys')
      .values({
        id: 'q-admin',
        name: 'ops',
        key_hash: createHash('sha256').update('q-admin-key').digest('hex'),
        scopes: ['admin'],
        workspace_id: 'default',
        revoked_at: null,
      })
      .execute();
    const ok = await fetch(`${service.url}/v1/kb/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer q-admin-key' },
      body: JSON.stringify({
        kind: 'intercom',
        sourceId: 'ic',
        export: {
          type: 'list',
          data: [
            {
              id: 7,
              title: 'Otter insurance',
              body: '<p>Otters are insured for a year.</p>',
              updated_at: 1_700_000_000,
            },
          ],
        },
      }),
    });
    expect(ok.status).toBe(200);
    await waitFor('the new point in Qdrant', () => qdrant.points('kb_service').size === before + 1);
  });
});
