/** What a waiting transcript request has seen of its ticket. */
export interface Seen {
  /** The last message id it has (digits), or null for none. */
  lastId: string | null;
  owner: string;
}

export type WaitOutcome = 'changed' | 'timeout' | 'closed';

interface Waiter {
  ticketId: string;
  seen: Seen;
  done(outcome: WaitOutcome): void;
}

export interface ChatWatchOptions {
  /** Requests held at once; past it `wait` answers null (poll again later). */
  maxWaiting: number;
  intervalMs: number;
  /** The current last message id and owner of each ticket (one query for all). */
  check(ticketIds: string[]): Promise<Map<string, Seen>>;
  onError?(err: unknown): void;
}

const newer = (now: string | null, seen: string | null) =>
  now !== null && (seen === null || BigInt(now) > BigInt(seen));

/**
 * Holds transcript requests until their ticket has a message after the one they have, or changes owner (an
 * agent took it over or handed it back). One timer checks every held ticket with a single query, so a thousand
 * waiting widgets cost one query per interval, and any replica's writes are seen.
 */
export class ChatWatch {
  private readonly waiters = new Set<Waiter>();
  private timer: NodeJS.Timeout | undefined;
  private checking = false;
  private closed = false;

  constructor(private readonly opts: ChatWatchOptions) {}

  get waiting(): number {
    return this.waiters.size;
  }

  /**
   * Waits up to `timeoutMs` for a change, or until `signal` aborts (the client went away) or the watch closes.
   * Null when no more requests may be held.
   */
  wait(ticketId: string, seen: Seen, timeoutMs: number, signal?: AbortSignal): Promise<WaitOutcome> | null {
    if (this.closed || this.waiters.size >= this.opts.maxWaiting) return null;
    return new Promise<WaitOutcome>((resolve) => {
      const waiter: Waiter = {
        ticketId,
        seen,
        done: (outcome) => {
          if (!this.waiters.delete(waiter)) return;
          clearTimeout(timeout);
          signal?.removeEventListener('abort', abort);
          if (this.waiters.size === 0) this.stopTimer();
          resolve(outcome);
        },
      };
      const timeout = setTimeout(() => waiter.done('timeout'), timeoutMs);
      const abort = () => waiter.done('closed');
      signal?.addEventListener('abort', abort, { once: true });
      this.waiters.add(waiter);
      this.startTimer();
    });
  }

  private startTimer(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.opts.intervalMs);
    this.timer.unref();
  }

  private stopTimer(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async tick(): Promise<void> {
    if (this.checking || this.waiters.size === 0) return;
    this.checking = true;
    try {
      const ids = [...new Set([...this.waiters].map((w) => w.ticketId))];
      const now = await this.opts.check(ids);
      for (const w of [...this.waiters]) {
        const state = now.get(w.ticketId);
        if (state && (newer(state.lastId, w.seen.lastId) || state.owner !== w.seen.owner)) w.done('changed');
      }
    } catch (err) {
      this.opts.onError?.(err);
    } finally {
      this.checking = false;
    }
  }

  /** Answers every held request now (the server is stopping). */
  close(): void {
    this.closed = true;
    for (const w of [...this.waiters]) w.done('closed');
    this.stopTimer();
  }
}
