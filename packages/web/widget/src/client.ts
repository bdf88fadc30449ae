/** A message of the conversation as ingress's transcript lists it. */
export interface ChatMessage {
  id: string;
  turn: number;
  role: 'customer' | 'bot' | 'agent';
  body: string;
  at: string;
  /** On an automated reply the visitor may rate: the rating link's token and the rating so far. */
  rating?: { token: string; value: Rating | null };
}

export type Rating = 'up' | 'down';

export interface Transcript {
  sessionId: string;
  ticketId: string | null;
  messages: ChatMessage[];
  /** A person (an agent) is in the conversation: they took it over or wrote in it. */
  agentJoined: boolean;
}

export interface Session {
  sessionId: string;
  token: string;
}

export class ChatError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Ingress's web chat API, called from the store's page with the public chat key and then the session token. */
export class ChatClient {
  constructor(
    private readonly base: string,
    private readonly publicKey: string,
  ) {}

  private async call<T>(path: string, init: RequestInit & { bearer: string }): Promise<T> {
    const res = await fetch(`${this.base}${path}`, {
      ...init,
      mode: 'cors',
      credentials: 'omit',
      headers: {
        authorization: `Bearer ${init.bearer}`,
        ...(init.body ? { 'content-type': 'application/json' } : {}),
      },
    });
    const data = (await res.json().catch(() => ({}))) as { message?: string };
    if (!res.ok) throw new ChatError(res.status, data.message ?? `request failed (${res.status})`);
    return data as T;
  }

  startSession(name?: string): Promise<Session> {
    return this.call('/v1/chat/sessions', {
      method: 'POST',
      bearer: this.publicKey,
      body: JSON.stringify(name ? { name } : {}),
    });
  }

  send(session: Session, body: string, clientMessageId: string): Promise<{ ticketId: string; turn: number }> {
    return this.call(`/v1/chat/sessions/${encodeURIComponent(session.sessionId)}/messages`, {
      method: 'POST',
      bearer: session.token,
      body: JSON.stringify({ body, clientMessageId }),
    });
  }

  /** Rates an automated reply; the signed token is the credential (no key, no session token). */
  async rate(token: string, rating: Rating): Promise<void> {
    const res = await fetch(`${this.base}/r/${encodeURIComponent(token)}`, {
      method: 'POST',
      mode: 'cors',
      credentials: 'omit',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rating }),
    });
    if (!res.ok) {
      const data = (await res.json().catch(() => ({}))) as { message?: string };
      throw new ChatError(res.status, data.message ?? `request failed (${res.status})`);
    }
  }

  /** The messages after `after`; with `waitMs`, the server holds the request until there is something new. */
  transcript(
    session: Session,
    after: string | null,
    waitMs: number,
    signal?: AbortSignal,
  ): Promise<Transcript> {
    const params = new URLSearchParams();
    if (after) params.set('after', after);
    if (waitMs > 0) params.set('waitMs', String(waitMs));
    const qs = params.toString();
    return this.call(
      `/v1/chat/sessions/${encodeURIComponent(session.sessionId)}/messages${qs ? `?${qs}` : ''}`,
      { method: 'GET', bearer: session.token, ...(signal ? { signal } : {}) },
    );
  }
}
