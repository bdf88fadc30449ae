import { RecordingServer, fakeVector, header, type RecordedRequest, type Reply } from './http.js';

/**
 * Speaks Cohere's v2 API for `POST /v2/embed` and `POST /v2/rerank`: bearer auth, errors as `{ "message" }`,
 * embeddings by type (`{ embeddings: { float: [...] }, response_type: "embeddings_by_type" }`) and rerank
 * results as `{ index, relevance_score }` sorted by relevance.
 */
export const COHERE_TEST_KEY = 'co-test-key';
export const COHERE_EMBED_DIM = 6;

const meta = (billed: Record<string, number>) => ({ api_version: { version: '2' }, billed_units: billed });

export function cohereError(status: number, message: string, headers?: Record<string, string>): Reply {
  return { status, headers: { 'x-trace-id': 'trace_test', ...headers }, body: { id: 'err_test', message } };
}

function embed(req: RecordedRequest): Reply {
  const body = req.body as {
    model?: unknown;
    texts?: unknown;
    input_type?: unknown;
    embedding_types?: unknown;
    output_dimension?: unknown;
  };
  if (typeof body?.model !== 'string') return cohereError(400, 'invalid request: model is required');
  if (
    !['search_document', 'search_query', 'classification', 'clustering', 'image'].includes(
      String(body.input_type),
    )
  ) {
    return cohereError(400, 'invalid request: input_type is required for embed v3 and higher models');
  }
  if (!Array.isArray(body.texts) || body.texts.length > 96) {
    return cohereError(400, 'invalid request: texts must be an array of at most 96 strings');
  }
  const texts = body.texts as string[];
  const dim = typeof body.output_dimension === 'number' ? body.output_dimension : COHERE_EMBED_DIM;
  // The kind is part of the vector so tests can tell query and document embeddings apart.
  const vectors = texts.map((t) => fakeVector(`${String(body.input_type)}:${t}`, dim));
  return {
    status: 200,
    body: {
      id: 'embed_test',
      embeddings: { float: vectors },
      texts,
      meta: meta({ input_tokens: texts.length }),
      response_type: 'embeddings_by_type',
    },
  };
}

function rerank(req: RecordedRequest): Reply {
  const body = req.body as { model?: unknown; query?: unknown; documents?: unknown; top_n?: unknown };
  if (typeof body?.model !== 'string' || typeof body.query !== 'string' || !Array.isArray(body.documents)) {
    return cohereError(400, 'invalid request: model, query and documents are required');
  }
  const words = new Set(body.query.toLowerCase().split(/\W+/).filter(Boolean));
  const scored = (body.documents as string[]).map((doc, index) => {
    const docWords = doc.toLowerCase().split(/\W+/).filter(Boolean);
    const hits = docWords.filter((w) => words.has(w)).length;
    return { index, relevance_score: hits / (docWords.length + 1) };
  });
  scored.sort((a, b) => b.relevance_score - a.relevance_score);
  const topN = typeof body.top_n === 'number' ? body.top_n : scored.length;
  return {
    status: 200,
    body: { id: 'rerank_test', results: scored.slice(0, topN), meta: meta({ search_units: 1 }) },
  };
}

export function cohereServer(): Promise<RecordingServer> {
  return new RecordingServer((req) => {
    if (header(req, 'authorization') !== `Bearer ${COHERE_TEST_KEY}`)
      return cohereError(401, 'invalid api token');
    if (req.method === 'POST' && req.path === '/v2/embed') return embed(req);
    if (req.method === 'POST' && req.path === '/v2/rerank') return rerank(req);
    return cohereError(404, `no route for ${req.method} ${req.path}`);
  }).start();
}
