import { RecordingServer, fakeVector, header, type RecordedRequest, type Reply } from './http.js';

/**
 * Speaks the OpenAI REST API under `/v1` for `POST /v1/chat/completions` and `POST /v1/embeddings`: bearer auth,
 * errors as `{ "error": { "message", "type", "param", "code" } }`, `chat.completion` and embedding `list` objects.
 * With `requireKey: false` it behaves like a self-hosted OpenAI-compatible server that ignores auth.
 */
export const OPENAI_TEST_KEY = 'sk-openai-test-key';
export const DEFAULT_EMBED_DIM = 8;

export function openAIError(
  status: number,
  type: string,
  message: string,
  code: string | null = null,
  headers?: Record<string, string>,
): Reply {
  return {
    status,
    headers: { 'x-request-id': 'req_test', ...headers },
    body: { error: { message, type, param: null, code } },
  };
}

export function chatCompletion(opts: {
  content?: string | null;
  toolCalls?: Array<{ id: string; name: string; arguments: string }>;
  model?: string;
  finishReason?: string;
  usage?: { prompt_tokens: number; completion_tokens: number } | null;
}): Reply {
  const usage = opts.usage === undefined ? { prompt_tokens: 12, completion_tokens: 4 } : opts.usage;
  return {
    status: 200,
    body: {
      id: 'chatcmpl-test',
      object: 'chat.completion',
      created: 1_700_000_000,
      model: opts.model ?? 'gpt-4o-mini-2024-07-18',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: opts.content === undefined ? 'ok' : opts.content,
            refusal: null,
            ...(opts.toolCalls
              ? {
                  tool_calls: opts.toolCalls.map((c) => ({
                    id: c.id,
                    type: 'function',
                    function: { name: c.name, arguments: c.arguments },
                  })),
                }
              : {}),
          },
          logprobs: null,
          finish_reason: opts.finishReason ?? (opts.toolCalls ? 'tool_calls' : 'stop'),
        },
      ],
      ...(usage ? { usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } } : {}),
      system_fingerprint: 'fp_test',
    },
  };
}

function embeddings(req: RecordedRequest): Reply {
  const body = req.body as {
    model?: unknown;
    input?: unknown;
    encoding_format?: unknown;
    dimensions?: unknown;
  };
  if (typeof body?.model !== 'string')
    return openAIError(400, 'invalid_request_error', "'model' is required");
  const inputs = typeof body.input === 'string' ? [body.input] : body.input;
  if (!Array.isArray(inputs) || inputs.length === 0 || !inputs.every((i) => typeof i === 'string')) {
    return openAIError(400, 'invalid_request_error', "'input' must be a string or an array of strings");
  }
  const dim = typeof body.dimensions === 'number' ? body.dimensions : DEFAULT_EMBED_DIM;
  const data = inputs.map((text: string, index) => {
    const vector = fakeVector(text, dim);
    const embedding =
      body.encoding_format === 'base64'
        ? Buffer.from(Float32Array.from(vector).buffer).toString('base64')
        : vector;
    return { object: 'embedding', index, embedding };
  });
  const tokens = inputs.reduce((n: number, t: string) => n + t.split(/\s+/).length, 0);
  return {
    status: 200,
    body: { object: 'list', data, model: body.model, usage: { prompt_tokens: tokens, total_tokens: tokens } },
  };
}

function chat(req: RecordedRequest): Reply {
  const body = req.body as { model?: unknown; messages?: unknown };
  if (typeof body?.model !== 'string')
    return openAIError(400, 'invalid_request_error', "'model' is required");
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    return openAIError(400, 'invalid_request_error', "'messages' must contain at least one message");
  }
  return chatCompletion({ model: body.model });
}

export function openAIServer(opts: { requireKey?: boolean } = {}): Promise<RecordingServer> {
  const requireKey = opts.requireKey ?? true;
  return new RecordingServer((req) => {
    if (requireKey && header(req, 'authorization') !== `Bearer ${OPENAI_TEST_KEY}`) {
      return openAIError(401, 'invalid_request_error', 'Incorrect API key provided.', 'invalid_api_key');
    }
    if (req.method === 'POST' && req.path === '/v1/chat/completions') return chat(req);
    if (req.method === 'POST' && req.path === '/v1/embeddings') return embeddings(req);
    return openAIError(404, 'invalid_request_error', `Unknown request URL: ${req.method} ${req.path}`);
  }).start();
}
