import type { Filters, ItemDetail, Me, QualityReport, Queue, QueuePage } from './types.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The workspace's API client. The session lives in an HttpOnly cookie the script never sees; state-changing
 * requests carry the CSRF token the server gave at sign-in (kept in memory only).
 */
export class Api {
  private csrf = '';

  setCsrf(token: string): void {
    this.csrf = token;
  }

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(method === 'POST' ? { 'content-type': 'application/json', 'x-csrf-token': this.csrf } : {}),
      },
      body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined,
    });
    const data = (await res.json().catch(() => ({}))) as { message?: string };
    if (!res.ok) throw new ApiError(res.status, data.message ?? `request failed (${res.status})`);
    return data as T;
  }

  async signIn(key: string, agentId: string): Promise<Me> {
    const me = await this.call<Me>('POST', '/inbox/session', { key, agentId });
    this.csrf = me.csrfToken;
    return me;
  }

  async me(): Promise<Me> {
    const me = await this.call<Me>('GET', '/inbox/api/me');
    this.csrf = me.csrfToken;
    return me;
  }

  signOut(): Promise<unknown> {
    return this.call('POST', '/inbox/session/end');
  }

  queue(queue: Queue, filters: Filters, after?: string): Promise<QueuePage> {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(filters)) if (v) params.set(k, v);
    params.set('limit', '100');
    if (after) params.set('after', after);
    const qs = params.toString();
    return this.call('GET', `/inbox/api/queues/${queue}${qs ? `?${qs}` : ''}`);
  }

  qualityReport(from: string, to: string): Promise<QualityReport> {
    const params = new URLSearchParams({ from, to });
    return this.call('GET', `/inbox/api/reports/quality?${params.toString()}`);
  }

  item(id: string): Promise<ItemDetail> {
    return this.call('GET', `/inbox/api/items/${encodeURIComponent(id)}`);
  }

  private itemAction(id: string, action: string, body: unknown = {}): Promise<unknown> {
    return this.call('POST', `/inbox/api/items/${encodeURIComponent(id)}/${action}`, body);
  }

  send(id: string, body: string): Promise<unknown> {
    return this.itemAction(id, 'approve', { body });
  }

  takeOver(id: string): Promise<unknown> {
    return this.itemAction(id, 'take-over');
  }

  assign(id: string, assignee: string | null): Promise<unknown> {
    return this.itemAction(id, 'assign', { assignee });
  }

  resolve(id: string): Promise<unknown> {
    return this.itemAction(id, 'resolve');
  }

  decideAction(id: string, decision: 'approve' | 'reject'): Promise<unknown> {
    return this.itemAction(id, 'action', { decision });
  }

  handBack(ticketId: string): Promise<unknown> {
    return this.call('POST', `/inbox/api/tickets/${encodeURIComponent(ticketId)}/hand-back`);
  }
}
