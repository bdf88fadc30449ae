import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** Parsed JSON body, or undefined when the body was empty or not JSON. */
  body: unknown;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** Serialised as JSON unless `raw` is given. */
  body?: unknown;
  /** Sent verbatim (used to send malformed JSON). */
  raw?: string;
  /** Wait this long before answering (used to trigger client timeouts). */
  delayMs?: number;
}

export type Handler = (req: RecordedRequest) => Reply | Promise<Reply>;

/**
 * A loopback HTTP server that records every request and answers through a provider-specific handler, unless a
 * test queued a scripted reply (an error, a delay, a malformed body) for the next request.
 */
export class RecordingServer {
  readonly requests: RecordedRequest[] = [];
  readonly #queue: Reply[] = [];
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #server: Server;
  #url = '';

  constructor(handler: Handler) {
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const rawBody = Buffer.concat(chunks).toString('utf8');
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const recorded: RecordedRequest = {
          method: req.method ?? 'GET',
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          rawBody,
          body: parseJson(rawBody),
        };
        this.requests.push(recorded);
        const scripted = this.#queue.shift();
        Promise.resolve(scripted ?? handler(recorded)).then(
          (reply) => this.#send(res, reply),
          (err: unknown) => this.#send(res, { status: 500, body: { error: String(err) } }),
        );
      });
    });
  }

  /** Queues replies for the next requests, in order, ahead of the handler. */
  enqueue(...replies: Reply[]): this {
    this.#queue.push(...replies);
    return this;
  }

  get url(): string {
    return this.#url;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.#url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const t of this.#timers) clearTimeout(t);
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #send(res: ServerResponse, reply: Reply): void {
    const write = () => {
      if (res.destroyed) return;
      const payload = reply.raw ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(payload);
    };
    if (!reply.delayMs) return write();
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      write();
    }, reply.delayMs);
    this.#timers.add(timer);
  }
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A deterministic pseudo-embedding, so fake servers return stable, text-dependent vectors. */
export function fakeVector(text: string, dim: number): number[] {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return Array.from({ length: dim }, (_, i) => {
    h = Math.imul(h ^ (i + 1), 2654435761) >>> 0;
    return Math.round(((h % 2000) / 1000 - 1) * 1e4) / 1e4;
  });
}

export function header(req: RecordedRequest, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}
