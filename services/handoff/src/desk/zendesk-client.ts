import { PermanentError, RetryAfterError } from '@parley/bus';
import type { ZendeskConfig } from '../config.js';

export interface ZendeskComment {
  id: number;
  body: string;
  public: boolean;
  author_id: number;
  created_at: string;
}

export interface ZendeskTicket {
  id: number;
  requester_id: number;
  external_id: string | null;
  status: string;
}

/** Zendesk answered with an error: `status` is its HTTP status (0 when it could not be reached). */
export class ZendeskError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ZendeskError';
  }

  /** For the bus: 429 retries after Zendesk's delay, other 4xx never succeed, the rest retry with backoff. */
  forBus(): Error {
    if (this.status === 429) return new RetryAfterError(this.message, this.retryAfterMs ?? 60_000);
    if (this.status >= 400 && this.status < 500 && this.status !== 408 && this.status !== 409)
      return new PermanentError(this.message);
    return this;
  }
}

const TIMEOUT_MS = 15_000;
const MAX_COMMENT_PAGES = 20;

/**
 * The few Zendesk Support API calls the mirror needs, over fetch with API-token authentication
 * (`{email}/token:{token}`). Errors carry Zendesk's status, never its body (which can quote the customer).
 */
export class ZendeskClient {
  private readonly auth: string;

  constructor(private readonly config: ZendeskConfig) {
    this.auth = `Basic ${Buffer.from(`${config.email}/token:${config.token}`).toString('base64')}`;
  }

  private async call<T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${this.config.url}${path}`, {
        method,
        headers: {
          authorization: this.auth,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        redirect: 'error',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (err) {
      throw new ZendeskError(
        0,
        `Zendesk unreachable (${(err as Error).name}) on ${method} ${path.split('?')[0]}`,
      );
    }
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      const retry = Number(res.headers.get('retry-after'));
      throw new ZendeskError(
        res.status,
        `Zendesk answered ${res.status} to ${method} ${path.split('?')[0]}`,
        Number.isFinite(retry) && retry > 0 ? retry * 1000 : undefined,
      );
    }
    return (await res.json()) as T;
  }

  /** The end user for our customer, found by our external id (created on first sight). */
  async upsertUser(user: { name: string; email?: string | undefined; externalId: string }): Promise<number> {
    const { user: saved } = await this.call<{ user: { id: number } }>(
      'POST',
      '/api/v2/users/create_or_update.json',
      {
        user: { name: user.name, external_id: user.externalId, ...(user.email ? { email: user.email } : {}) },
      },
    );
    return saved.id;
  }

  /** A new ticket; the idempotency key makes a retried creation return the first ticket instead of a second. */
  async createTicket(
    ticket: {
      subject: string;
      requesterId: number;
      externalId: string;
      priority: string;
      tags: string[];
      comment: { body: string; authorId: number; public: boolean };
    },
    idempotencyKey: string,
  ): Promise<ZendeskTicket> {
    const { ticket: created } = await this.call<{ ticket: ZendeskTicket }>(
      'POST',
      '/api/v2/tickets.json',
      {
        ticket: {
          subject: ticket.subject,
          requester_id: ticket.requesterId,
          external_id: ticket.externalId,
          priority: ticket.priority,
          tags: ticket.tags,
          comment: {
            body: ticket.comment.body,
            author_id: ticket.comment.authorId,
            public: ticket.comment.public,
          },
        },
      },
      { 'idempotency-key': idempotencyKey },
    );
    return created;
  }

  /** Adds a comment (public, or an internal note with `public: false`); other fields change as given. */
  async addComment(
    ticketId: number,
    comment: { body: string; public: boolean; authorId?: number },
    fields: { priority?: string } = {},
  ): Promise<void> {
    await this.call('PUT', `/api/v2/tickets/${ticketId}.json`, {
      ticket: {
        ...fields,
        comment: {
          body: comment.body,
          public: comment.public,
          ...(comment.authorId !== undefined ? { author_id: comment.authorId } : {}),
        },
      },
    });
  }

  async ticket(ticketId: number): Promise<ZendeskTicket> {
    return (await this.call<{ ticket: ZendeskTicket }>('GET', `/api/v2/tickets/${ticketId}.json`)).ticket;
  }

  /** Every comment of the ticket, oldest first (following the pages, bounded). */
  async comments(ticketId: number): Promise<ZendeskComment[]> {
    const all: ZendeskComment[] = [];
    let path: string | null = `/api/v2/tickets/${ticketId}/comments.json?sort_order=asc`;
    for (let page = 0; path && page < MAX_COMMENT_PAGES; page++) {
      const answer: { comments: ZendeskComment[]; next_page: string | null } = await this.call('GET', path);
      all.push(...answer.comments);
      path = answer.next_page ? new URL(answer.next_page).pathname + new URL(answer.next_page).search : null;
    }
    return all;
  }
}
