import type { Session } from './client.js';

/**
 * The visitor's session, kept in sessionStorage: it survives a reload and navigation within the tab, and ends
 * with the tab. Keyed by the API and the chat key, so two stores on one origin never share a conversation.
 */
export class SessionStore {
  private readonly key: string;

  constructor(apiBase: string, publicKey: string) {
    this.key = `parley-chat:${apiBase}:${publicKey.slice(0, 16)}`;
  }

  load(): Session | null {
    try {
      const raw = sessionStorage.getItem(this.key);
      if (!raw) return null;
      const value = JSON.parse(raw) as Partial<Session>;
      if (typeof value.sessionId !== 'string' || typeof value.token !== 'string') return null;
      return { sessionId: value.sessionId, token: value.token };
    } catch {
      return null;
    }
  }

  save(session: Session): void {
    try {
      sessionStorage.setItem(
        this.key,
        JSON.stringify({ sessionId: session.sessionId, token: session.token }),
      );
    } catch {
      // Storage refused (private mode, quota): the conversation lasts as long as the page.
    }
  }

  clear(): void {
    try {
      sessionStorage.removeItem(this.key);
    } catch {
      // Nothing kept.
    }
  }
}
