import type { KV } from '@nats-io/kv';
import { Kvm } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { KillSwitchMode } from '@parley/contracts';
import { z } from 'zod';

export const KILL_SWITCH_KEY = 'kill_switch';

/** The stored value: who flipped the switch, when and why, so an operator can see it in the bucket. */
export const KillSwitchState = z.object({
  mode: KillSwitchMode,
  changedAt: z.string().datetime({ offset: true }),
  changedBy: z.string().max(200).optional(),
  reason: z.string().max(500).optional(),
});
export type KillSwitchState = z.infer<typeof KillSwitchState>;

export function controlBucket(prefix: string): string {
  return `${prefix}_control`;
}

export interface KillSwitchOptions {
  nc: NatsConnection;
  /** The deployment's bus prefix; the bucket is `<prefix>_control`. */
  prefix: string;
  /** Called with the id-free reason when a stored value cannot be read; the last good mode stays. */
  onInvalid?: (problem: string) => void;
  now?: () => Date;
}

const decoder = new TextDecoder();

/**
 * The system-wide kill switch, held in a NATS KV bucket and watched, so flipping it reaches every
 * process in about a second without a deploy. Unset means `auto`.
 */
export class KillSwitch {
  private kv: KV | undefined;
  private current: KillSwitchState | undefined;
  private revision = 0;
  private watching: Promise<void> | undefined;
  private stopWatch: (() => void) | undefined;

  constructor(private readonly opts: KillSwitchOptions) {}

  /** Creates the bucket if needed (idempotent), reads the current value and starts watching it. */
  async start(): Promise<void> {
    if (this.kv) return;
    const kv = await new Kvm(this.opts.nc).create(controlBucket(this.opts.prefix), { history: 10 });
    this.kv = kv;
    const entry = await kv.get(KILL_SWITCH_KEY);
    if (entry && entry.operation === 'PUT') this.apply(entry.revision, entry.value);
    const iter = await kv.watch({ key: KILL_SWITCH_KEY });
    this.stopWatch = () => iter.stop();
    this.watching = (async () => {
      for await (const e of iter) {
        if (e.operation === 'PUT') this.apply(e.revision, e.value);
        else if (e.revision > this.revision) {
          this.revision = e.revision;
          this.current = undefined;
        }
      }
    })();
  }

  private apply(revision: number, value: Uint8Array): void {
    // The watcher replays the value `get` already returned; only newer revisions count.
    if (revision <= this.revision) return;
    this.revision = revision;
    let parsed: unknown;
    try {
      parsed = JSON.parse(decoder.decode(value));
    } catch {
      this.opts.onInvalid?.(`kill switch value at revision ${revision} is not JSON`);
      return;
    }
    const result = KillSwitchState.safeParse(parsed);
    if (!result.success) {
      this.opts.onInvalid?.(`kill switch value at revision ${revision} is invalid`);
      return;
    }
    this.current = result.data;
  }

  mode(): KillSwitchMode {
    return this.current?.mode ?? 'auto';
  }

  state(): KillSwitchState | undefined {
    return this.current;
  }

  async set(mode: KillSwitchMode, by?: string, reason?: string): Promise<KillSwitchState> {
    if (!this.kv) throw new Error('kill switch not started: call start() first');
    const state = KillSwitchState.parse({
      mode,
      changedAt: (this.opts.now?.() ?? new Date()).toISOString(),
      ...(by ? { changedBy: by } : {}),
      ...(reason ? { reason } : {}),
    });
    const revision = await this.kv.put(KILL_SWITCH_KEY, JSON.stringify(state));
    this.apply(revision, new TextEncoder().encode(JSON.stringify(state)));
    return state;
  }

  async stop(): Promise<void> {
    this.stopWatch?.();
    await this.watching;
    this.stopWatch = undefined;
    this.watching = undefined;
  }
}
