import { createHash } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import { zendeskSignature } from '../src/desk/zendesk-signature.js';

export interface FakeComment {
  id: number;
  body: string;
  public: boolean;
  author_id: number;
  created_at: string;
}

export interface FakeTicket {
  id: number;
  subject: string;
  requester_id: number;
  external_id: string | null;
  priority: string;
  tags: string[];
  status: string;
  comments: FakeComment[];
}

export interface FakeUser {
  id: number;
  name: string;
  email: string | null;
  external_id: string | null;
}

/** The API user (the integration) and a human agent of the desk. */
export const API_USER_ID = 1;
export const HUMAN_AGENT_ID = 2;

/**
 * A local server speaking the part of Zendesk's Support API the mirror uses, with its wire format: API-token
 * Basic auth, `create_or_update` users, ticket creation honouring `Idempotency-Key`, comments added by updating a
 * ticket, comments listed in pages with an absolute `next_page`. Failures can be injected.
 */
export class FakeZendesk {
  readonly users = new Map<number, FakeUser>();
  readonly tickets = new Map<number, FakeTicket>();
  readonly requests: Array<{ method: string; path: string; idempotencyKey?: string }> = [];
  private readonly idempotent = new Map<string, { hash: string; answer: string }>();
  private nextId = 100;
  private failures: Array<{ status: number; afterEffect?: boolean; retryAfter?: number }> = [];
  private server: Server | undefined;
  url = '';

  constructor(
    private readonly email: string,
    private readonly token: string,
  ) {}

  /** The next requests fail with `status`; with `afterEffect`, the change is made first and the answer lost. */
  failNext(status: number, opts: { afterEffect?: boolean; retryAfter?: number } = {}): void {
    this.failures.push({ status, ...opts });
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => this.handle(req, res, body));
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((r) => this.server?.close(r));
  }

  /** A human agent answers publicly on a ticket, as in the Zendesk agent workspace. */
  agentReplies(ticketId: number, body: string): FakeComment {
    const comment = this.comment(body, true, HUMAN_AGENT_ID);
    this.tickets.get(ticketId)!.comments.push(comment);
    return comment;
  }

  /** What Zendesk's webhook (a trigger on ticket updates) sends to our endpoint, signed. */
  webhook(
    ticketId: number,
    secret: string,
    at = new Date(),
  ): { body: string; headers: Record<string, string> } {
    const body = JSON.stringify({ ticket_id: String(ticketId) });
    const timestamp = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
    return {
      body,
      headers: {
        'content-type': 'application/json',
        'x-zendesk-webhook-signature': zendeskSignature(secret, timestamp, body),
        'x-zendesk-webhook-signature-timestamp': timestamp,
      },
    };
  }

  private comment(body: string, isPublic: boolean, author: number): FakeComment {
    return {
      id: this.nextId++,
      body,
      public: isPublic,
      author_id: author,
      created_at: new Date().toISOString(),
    };
  }

  private send(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) {
    res
      .writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
      .end(JSON.stringify(value));
  }

  private handle(req: IncomingMessage, res: ServerResponse, raw: string): void {
    const url = new URL(req.url ?? '/', this.url);
    const key = req.headers['idempotency-key'];
    this.requests.push({
      method: req.method ?? '',
      path: url.pathname,
      ...(typeof key === 'string' ? { idempotencyKey: key } : {}),
    });
    const expected = `Basic ${Buffer.from(`${this.email}/token:${this.token}`).toString('base64')}`;
    if (req.headers.authorization !== expected)
      return this.send(res, 401, { error: "Couldn't authenticate you" });
    const failure = this.failures.shift();
    if (failure && !failure.afterEffect)
      return this.send(
        res,
        failure.status,
        { error: 'injected' },
        failure.retryAfter ? { 'retry-after': String(failure.retryAfter) } : {},
      );
    const answer = (status: number, value: unknown) =>
      failure
        ? this.send(res, failure.status, { error: 'injected after the change' })
        : this.send(res, status, value);
    const body = raw ? (JSON.parse(raw) as Record<string, Record<string, unknown>>) : {};
    const ticketPath = /^\/api\/v2\/tickets\/(\d+)(\/comments)?\.json$/.exec(url.pathname);

    if (req.method === 'POST' && url.pathname === '/api/v2/users/create_or_update.json') {
      const u = body.user as { name: string; email?: string; external_id?: string };
      let user = [...this.users.values()].find(
        (x) => (u.external_id && x.external_id === u.external_id) || (u.email && x.email === u.email),
      );
      if (!user) {
        user = {
          id: this.nextId++,
          name: u.name,
          email: u.email ?? null,
          external_id: u.external_id ?? null,
        };
        this.users.set(user.id, user);
        return answer(201, { user });
      }
      return answer(200, { user });
    }

    if (req.method === 'POST' && url.pathname === '/api/v2/tickets.json') {
      const hash = createHash('sha256').update(raw).digest('hex');
      if (typeof key === 'string') {
        const seen = this.idempotent.get(key);
        if (seen && seen.hash !== hash)
          return this.send(res, 400, {
            error: 'IdempotentRequestError',
            description: 'key reused with another body',
          });
        if (seen) {
          res
            .writeHead(201, {
              'content-type': 'application/json; charset=utf-8',
              'x-idempotency-lookup': 'hit',
            })
            .end(seen.answer);
          return;
        }
      }
      const t = body.ticket as {
        subject: string;
        requester_id: number;
        external_id: string;
        priority: string;
        tags: string[];
        comment: { body: string; public: boolean; author_id: number };
      };
      const ticket: FakeTicket = {
        id: this.nextId++,
        subject: t.subject,
        requester_id: t.requester_id,
        external_id: t.external_id,
        priority: t.priority,
        tags: t.tags,
        status: 'new',
        comments: [this.comment(t.comment.body, t.comment.public, t.comment.author_id ?? API_USER_ID)],
      };
      this.tickets.set(ticket.id, ticket);
      const view = { ticket: { ...ticket, comments: undefined } };
      if (typeof key === 'string') this.idempotent.set(key, { hash, answer: JSON.stringify(view) });
      return answer(201, view);
    }

    const ticket = ticketPath ? this.tickets.get(Number(ticketPath[1])) : undefined;
    if (ticketPath && !ticket) return this.send(res, 404, { error: 'RecordNotFound' });
    if (ticket && req.method === 'PUT' && !ticketPath![2]) {
      const t = body.ticket as {
        priority?: string;
        comment?: { body: string; public?: boolean; author_id?: number };
      };
      if (t.priority) ticket.priority = t.priority;
      if (t.comment)
        ticket.comments.push(
          this.comment(t.comment.body, t.comment.public ?? true, t.comment.author_id ?? API_USER_ID),
        );
      return answer(200, { ticket: { ...ticket, comments: undefined } });
    }
    if (ticket && req.method === 'GET' && !ticketPath![2])
      return answer(200, { ticket: { ...ticket, comments: undefined } });
    if (ticket && req.method === 'GET' && ticketPath![2]) {
      // Two per page, so a ticket with a few comments is read across pages.
      const page = Number(url.searchParams.get('page') ?? 1);
      const slice = ticket.comments.slice((page - 1) * 2, page * 2);
      const more = ticket.comments.length > page * 2;
      return answer(200, {
        comments: slice,
        next_page: more
          ? `${this.url}/api/v2/tickets/${ticket.id}/comments.json?sort_order=asc&page=${page + 1}`
          : null,
      });
    }
    return this.send(res, 404, { error: 'InvalidEndpoint' });
  }
}
