import { z } from 'zod';

/** A change to an inbox item, as the database trigger announces it (ids and codes only, no customer text). */
export const InboxChange = z.object({
  op: z.enum(['insert', 'update']),
  id: z.string(),
  ticketId: z.string(),
  workspace: z.string(),
  status: z.string(),
  priority: z.string(),
  kind: z.string(),
  breached: z.boolean(),
});
export type InboxChange = z.infer<typeof InboxChange>;

/** What a browser's stream is told: a change in its workspace, or to reload everything (events may be lost). */
export type LiveMessage = { type: 'change'; change: InboxChange } | { type: 'resync' };

export interface Subscriber {
  workspace: string;
  send(message: LiveMessage): void;
  close(): void;
}

/**
 * Fans inbox changes out to the browsers connected to this process, each only its own workspace's. Bounded:
 * past `maxSubscribers` a new stream is refused rather than starving the process.
 */
export class InboxHub {
  private readonly subscribers = new Set<Subscriber>();
  private closed = false;

  constructor(private readonly maxSubscribers: number) {}

  get size(): number {
    return this.subscribers.size;
  }

  /** Adds a subscriber; returns its removal, or null when the hub is full or closing. */
  subscribe(subscriber: Subscriber): (() => void) | null {
    if (this.closed || this.subscribers.size >= this.maxSubscribers) return null;
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  publish(change: InboxChange): void {
    for (const s of this.subscribers)
      if (s.workspace === change.workspace) s.send({ type: 'change', change });
  }

  /** The listener reconnected: changes may have been missed, so every browser reloads its lists. */
  resync(): void {
    for (const s of this.subscribers) s.send({ type: 'resync' });
  }

  /** Ends every stream (the server is stopping; browsers reconnect to another replica). */
  close(): void {
    this.closed = true;
    for (const s of [...this.subscribers]) s.close();
    this.subscribers.clear();
  }
}
