import { RecordingServer, header, type RecordedRequest, type Reply } from './http.js';

/**
 * Speaks the Anthropic Messages API for `POST /v1/messages`: `x-api-key` auth, a required `anthropic-version`
 * header, errors as `{ "type": "error", "error": { "type", "message" } }`, and `Message` objects in reply.
 */
export const ANTHROPIC_TEST_KEY = 'sk-ant-test-key';

export function anthropicError(
  status: number,
  type: string,
  message: string,
  headers?: Record<string, string>,
): Reply {
  return {
    status,
    headers: { 'request-id': 'req_test', ...headers },
    body: { type: 'error', error: { type, message } },
  };
}

type Block = { type: 'text'; text: string } | { type: 'tool_use'; id: string; name: string; input: unknown };

export function anthropicMessage(opts: {
  content: Block[];
  model?: string;
  stopReason?: string;
  usage?: { input_tokens: number; output_tokens: number };
}): Reply {
  return {
    status: 200,
    headers: { 'request-id': 'req_test' },
    body: {
      id: 'msg_01TestMessage',
      type: 'message',
      role: 'assistant',
      model: opts.model ?? 'claude-haiku-4-5-20251001',
      content: opts.content.map((b) => (b.type === 'text' ? { ...b, citations: null } : b)),
      stop_reason:
        opts.stopReason ?? (opts.content.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn'),
      stop_sequence: null,
      usage: {
        input_tokens: 10,
        output_tokens: 5,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        service_tier: 'standard',
        ...opts.usage,
      },
    },
  };
}

/**
 * The API key as the client sent it: the API documents `x-api-key`, and the current SDK sends the key as
 * `Authorization: Bearer`; both are accepted.
 */
export function anthropicKey(req: RecordedRequest): string | undefined {
  return header(req, 'x-api-key') ?? header(req, 'authorization')?.replace(/^Bearer /, '');
}

function handle(req: RecordedRequest): Reply {
  if (req.method !== 'POST' || req.path !== '/v1/messages') {
    return anthropicError(404, 'not_found_error', `Not found: ${req.method} ${req.path}`);
  }
  if (anthropicKey(req) !== ANTHROPIC_TEST_KEY) {
    return anthropicError(401, 'authentication_error', 'invalid x-api-key');
  }
  if (!header(req, 'anthropic-version')) {
    return anthropicError(400, 'invalid_request_error', 'anthropic-version: header is required');
  }
  const body = req.body as { model?: unknown; max_tokens?: unknown; messages?: unknown } | undefined;
  if (typeof body?.model !== 'string')
    return anthropicError(400, 'invalid_request_error', 'model: Field required');
  if (typeof body.max_tokens !== 'number')
    return anthropicError(400, 'invalid_request_error', 'max_tokens: Field required');
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    return anthropicError(400, 'invalid_request_error', 'messages: at least one message is required');
  }
  return anthropicMessage({ content: [{ type: 'text', text: 'ok' }], model: body.model });
}

export function anthropicServer(): Promise<RecordingServer> {
  return new RecordingServer(handle).start();
}
