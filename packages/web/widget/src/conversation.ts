import type { ChatMessage } from './client.js';

export interface Pending {
  clientId: string;
  body: string;
  failed: boolean;
}

/**
 * What the panel shows: the server's messages (each once, in order) and the visitor's messages not yet seen in
 * them. A pending message is matched to the first customer message with the same text that arrives after it.
 */
export class Conversation {
  readonly messages: ChatMessage[] = [];
  pending: Pending[] = [];
  private readonly ids = new Set<string>();

  get lastId(): string | null {
    return this.messages.at(-1)?.id ?? null;
  }

  /** Adds what the server sent; returns the messages that were new. */
  receive(incoming: readonly ChatMessage[]): ChatMessage[] {
    const fresh: ChatMessage[] = [];
    for (const m of incoming) {
      if (this.ids.has(m.id)) continue;
      this.ids.add(m.id);
      this.messages.push(m);
      fresh.push(m);
      if (m.role === 'customer') {
        const at = this.pending.findIndex((p) => p.body.trim() === m.body.trim());
        if (at >= 0) this.pending.splice(at, 1);
      }
    }
    return fresh;
  }

  addPending(clientId: string, body: string): void {
    this.pending.push({ clientId, body, failed: false });
  }

  failPending(clientId: string): void {
    const p = this.pending.find((x) => x.clientId === clientId);
    if (p) p.failed = true;
  }

  dropPending(clientId: string): void {
    this.pending = this.pending.filter((p) => p.clientId !== clientId);
  }
}
