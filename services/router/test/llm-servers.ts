import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Loopback servers speaking the two chat wire formats the LLM router uses: Anthropic `POST /v1/messages` and
 * OpenAI `POST /v1/chat/completions`, answering with the documented JSON. Each records what it received so a
 * test can assert what was (or was not) sent.
 */
export const ANTHROPIC_KEY = 'sk-ant-router-test';
export const OPENAI_KEY = 'sk-openai-router-test';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: {
    model?: string;
    system?: string;
    messages?: Array<{ role: string; content: string }>;
    max_tokens?: number;
  };
}

/** What the server does with the next request: reply with model text, fail with a status, or stall. */
export type Script =
  | { text: string; delayMs?: number }
  | { status: number; type: string; headers?: Record<string, string> }
  | { hang: true };

export interface FakeLlmServer {
  readonly url: string;
  readonly requests: Received[];
  /** Scripts for the next requests, in order; without one the server answers with `answer(request)`. */
  enqueue(...scripts: Script[]): void;
  close(): Promise<void>;
}

type Flavour = 'anthropic' | 'openai';

/** The customer's text as the router sent it (a retry repeats it first), for servers that answer by message. */
export function customerText(req: Received): string {
  for (const m of req.body.messages ?? []) {
    const found = /<message>\n([\s\S]*)\n<\/message>/.exec(m.content)?.[1];
    if (found !== undefined) return found;
  }
  return '';
}

export function fakeAnthropic(answer: (req: Received) => Script): Promise<FakeLlmServer> {
  return start('anthropic', answer);
}

export function fakeOpenAI(answer: (req: Received) => Script): Promise<FakeLlmServer> {
  return start('openai', answer);
}

/** A routing answer as a model would write it. */
export function routingJson(intent: string, confidence: number, band = 'auto', tier = 'local'): Script {
  return { text: JSON.stringify({ intent, confidence, band, tier }) };
}

async function start(flavour: Flavour, answer: (req: Received) => Script): Promise<FakeLlmServer> {
  const requests: Received[] = [];
  const queue: Script[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const received: Received = {
        path: new URL(req.url ?? '/', 'http://127.0.0.1').pathname,
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Received['body'],
      };
      requests.push(received);
      const { status, body, headers, delayMs } = respond(
        flavour,
        received,
        queue.shift() ?? answer(received),
      );
      if (status === 0) return; // hang: never answer; the client's deadline must end the call
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      if (!delayMs) return send();
      const t = setTimeout(() => {
        timers.delete(t);
        send();
      }, delayMs);
      timers.add(t);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: flavour === 'openai' ? `${url}/v1` : url,
    requests,
    enqueue: (...scripts) => void queue.push(...scripts),
    async close() {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface Wire {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
}

function respond(flavour: Flavour, req: Received, script: Script): Wire {
  if ('hang' in script) return { status: 0 };
  const expectedPath = flavour === 'anthropic' ? '/v1/messages' : '/v1/chat/completions';
  if (req.path !== expectedPath) return errorBody(flavour, 404, 'not_found_error');
  if (!authorised(flavour, req)) return errorBody(flavour, 401, 'authentication_error');
  if ('status' in script)
    return { ...errorBody(flavour, script.status, script.type), headers: script.headers ?? {} };
  const model = req.body.model ?? 'unknown';
  const body =
    flavour === 'anthropic'
      ? {
          id: 'msg_router_test',
          type: 'message',
          role: 'assistant',
          model,
          content: [{ type: 'text', text: script.text, citations: null }],
          stop_reason: 'end_turn',
          stop_sequence: null,
          usage: { input_tokens: 420, output_tokens: 24 },
        }
      : {
          id: 'chatcmpl-router-test',
          object: 'chat.completion',
          created: 1_700_000_000,
          model,
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: script.text, refusal: null },
              logprobs: null,
              finish_reason: 'stop',
            },
          ],
          usage: { prompt_tokens: 400, completion_tokens: 20, total_tokens: 420 },
        };
  return { status: 200, body, ...(script.delayMs ? { delayMs: script.delayMs } : {}) };
}

/** Anthropic documents `x-api-key`; its current SDK sends `Authorization: Bearer`. Both are accepted. */
function authorised(flavour: Flavour, req: Received): boolean {
  const bearer = req.headers.authorization?.replace(/^Bearer /, '');
  if (flavour === 'openai') return bearer === OPENAI_KEY;
  return (req.headers['x-api-key'] ?? bearer) === ANTHROPIC_KEY && !!req.headers['anthropic-version'];
}

function errorBody(flavour: Flavour, status: number, type: string): Wire {
  const message = `test server error ${status}`;
  return flavour === 'anthropic'
    ? { status, body: { type: 'error', error: { type, message } } }
    : { status, body: { error: { message, type, param: null, code: type } } };
}
