import { createHash } from 'node:crypto';
import type { Logger } from '@parley/telemetry';
import pg from 'pg';
import { InboxChange } from './hub.js';

/** The channel the inbox trigger notifies for a schema (see the agent-workspace migration). */
export function inboxChannel(schema: string): string {
  return `parley_inbox_${createHash('md5').update(schema, 'utf8').digest('hex').slice(0, 20)}`;
}

export interface InboxListenerOptions {
  databaseUrl: string;
  schema: string;
  log: Logger;
  onChange(change: InboxChange): void;
  /** After a (re)connection: whatever happened while not listening was missed. */
  onListening(): void;
  backoffMs?: readonly number[];
}

/**
 * Listens to the inbox trigger's notifications on a connection of its own (LISTEN holds it), reconnecting
 * with backoff when Postgres goes away. Notifications arrive after commit and in commit order.
 */
export class InboxListener {
  private client: pg.Client | undefined;
  private stopped = false;
  private attempt = 0;
  private timer: NodeJS.Timeout | undefined;
  private listening = false;

  constructor(private readonly opts: InboxListenerOptions) {}

  get connected(): boolean {
    return this.listening;
  }

  async start(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({
      connectionString: this.opts.databaseUrl,
      application_name: 'parley-handoff-live',
      connectionTimeoutMillis: 5_000,
    });
    this.client = client;
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client));
    client.on('notification', (msg) => {
      if (!msg.payload) return;
      try {
        const change = InboxChange.safeParse(JSON.parse(msg.payload));
        if (change.success) this.opts.onChange(change.data);
      } catch {
        // Not ours to parse: ignored.
      }
    });
    try {
      await client.connect();
      await client.query(`LISTEN "${inboxChannel(this.opts.schema)}"`);
      this.attempt = 0;
      this.listening = true;
      this.opts.onListening();
    } catch (err) {
      this.lost(client, err as Error);
    }
  }

  private lost(client: pg.Client, err?: Error): void {
    if (client !== this.client) return;
    this.client = undefined;
    this.listening = false;
    client.removeAllListeners('end');
    client.end().catch(() => undefined);
    if (this.stopped) return;
    const backoff = this.opts.backoffMs ?? [250, 1000, 2000, 5000];
    const delay = backoff[Math.min(this.attempt, backoff.length - 1)]!;
    this.attempt += 1;
    this.opts.log.warn({ err, retryInMs: delay }, 'inbox live updates lost their connection; reconnecting');
    this.timer = setTimeout(() => void this.connect(), delay);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    this.listening = false;
    if (client) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
    }
  }
}
