import type { KV, KvEntry } from '@nats-io/kv';
import { Kvm } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import type { CanarySource, CanarySplit } from '@parley/bus';
import { CANARY_TOKEN } from '@parley/bus';
import { z } from 'zod';
import { controlBucket } from './kill-switch.js';

const KEY_PREFIX = 'canary.';

export function canaryKey(service: string): string {
  return `${KEY_PREFIX}${service}`;
}

const Token = z.string().regex(CANARY_TOKEN, 'letters, digits, ".", "_" or "-", at most 64');

/**
 * One service's canary, as stored (key `canary.<service>` of the control bucket). `fromSeq` is the events
 * stream's next sequence when the canary began, read before the value was first written: no event stamped
 * with this canary can sit before it, so it is where a new candidate durable starts.
 */
export const CanaryState = z.object({
  service: Token,
  version: Token,
  share: z.number().int().min(0).max(100),
  phase: z.enum(['running', 'promoted', 'rolled_back']),
  fromSeq: z.number().int().positive(),
  changedAt: z.string().datetime({ offset: true }),
  changedBy: z.string().max(200).optional(),
  reason: z.string().max(500).optional(),
});
export type CanaryState = z.infer<typeof CanaryState>;

/** A request the state cannot take (no canary to promote, another version already running): a 4xx. */
export class CanaryConflict extends Error {
  override name = 'CanaryConflict';
}

export interface CanaryControlOptions {
  nc: NatsConnection;
  prefix: string;
  onInvalid?: (problem: string) => void;
  now?: () => Date;
}

const decoder = new TextDecoder();

/**
 * Every service's canary split, held in the control bucket beside the kill switch and watched, so a change
 * reaches every publishing process in about a second. Serves the bus as its `CanarySource`.
 */
export class CanaryControl implements CanarySource {
  private kv: KV | undefined;
  private readonly states = new Map<string, { revision: number; state: CanaryState }>();
  /** The newest revision seen per service, deletions included, so an older value never comes back. */
  private readonly revisions = new Map<string, number>();
  private watching: Promise<void> | undefined;
  private stopWatch: (() => void) | undefined;

  constructor(private readonly opts: CanaryControlOptions) {}

  /** Creates the bucket if needed, reads every canary and keeps watching them. */
  async start(): Promise<void> {
    if (this.kv) return;
    const kv = await new Kvm(this.opts.nc).create(controlBucket(this.opts.prefix), { history: 10 });
    this.kv = kv;
    const iter = await kv.watch({ key: `${KEY_PREFIX}>` });
    this.stopWatch = () => iter.stop();
    this.watching = (async () => {
      for await (const e of iter) this.apply(e);
    })();
    // The watch replays current values in the background; read them now so `start` returns knowing them.
    for (const key of await this.keys()) {
      const entry = await kv.get(key);
      if (entry) this.apply(entry);
    }
  }

  private async keys(): Promise<string[]> {
    const found: string[] = [];
    for await (const key of await this.bucket().keys(`${KEY_PREFIX}>`)) found.push(key);
    return found;
  }

  private bucket(): KV {
    if (!this.kv) throw new Error('canary control not started: call start() first');
    return this.kv;
  }

  private apply(e: KvEntry): void {
    const service = e.key.slice(KEY_PREFIX.length);
    if (e.revision <= (this.revisions.get(service) ?? 0)) return;
    this.revisions.set(service, e.revision);
    if (e.operation !== 'PUT') {
      this.states.delete(service);
      return;
    }
    const parsed = parseState(e.value);
    if (!parsed || parsed.service !== service) {
      this.opts.onInvalid?.(`canary value for ${service} at revision ${e.revision} is invalid`);
      return;
    }
    this.states.set(service, { revision: e.revision, state: parsed });
  }

  /** Every canary as this process knows it. */
  list(): CanaryState[] {
    return [...this.states.values()].map((s) => s.state).sort((a, b) => a.service.localeCompare(b.service));
  }

  state(service: string): CanaryState | undefined {
    return this.states.get(service)?.state;
  }

  splits(): CanarySplit[] {
    return this.list().map(({ service, version, share }) => ({ service, version, share }));
  }

  async startSeq(service: string): Promise<number | undefined> {
    return (await this.read(service))?.state.fromSeq;
  }

  /** A fresh read from the bucket, not the watched copy. */
  async read(service: string): Promise<{ revision: number; state: CanaryState } | undefined> {
    const entry = await this.bucket().get(canaryKey(service));
    if (!entry || entry.operation !== 'PUT') return undefined;
    const state = parseState(entry.value);
    return state ? { revision: entry.revision, state } : undefined;
  }

  /**
   * Starts a canary of `version` for the service, or changes the share of the one running of that version.
   * `nextSeq` gives the events stream's next sequence; it is read before the first write, so every event
   * stamped with this canary comes after it.
   */
  async begin(
    input: { service: string; version: string; share: number; by?: string; reason?: string },
    nextSeq: () => Promise<number>,
  ): Promise<CanaryState> {
    const current = await this.read(input.service);
    if (current && current.state.version !== input.version && current.state.phase === 'running') {
      throw new CanaryConflict(
        `a canary of ${current.state.version} is running for ${input.service}; promote, roll back or end it first`,
      );
    }
    const sameRun = current?.state.version === input.version;
    return this.write(input.service, current?.revision, {
      service: input.service,
      version: input.version,
      share: input.share,
      phase: 'running',
      fromSeq: sameRun ? current.state.fromSeq : await nextSeq(),
      ...this.stamp(input.by, input.reason),
    });
  }

  /** The candidate takes every ticket; the stable side handles none. */
  promote(service: string, by?: string, reason?: string): Promise<CanaryState> {
    return this.change(service, 100, 'promoted', by, reason);
  }

  /** The stable side takes every ticket back; the candidate finishes only what was already stamped its. */
  rollback(service: string, by?: string, reason?: string): Promise<CanaryState> {
    return this.change(service, 0, 'rolled_back', by, reason);
  }

  /** Removes the canary: events are no longer stamped for it, so the stable side takes every new one. */
  async end(service: string): Promise<CanaryState> {
    const current = await this.read(service);
    if (!current) throw new CanaryConflict(`no canary for ${service}`);
    try {
      await this.bucket().delete(canaryKey(service), { previousSeq: current.revision });
    } catch (err) {
      throw this.conflictOr(service, err);
    }
    this.states.delete(service);
    return current.state;
  }

  private async change(
    service: string,
    share: number,
    phase: CanaryState['phase'],
    by?: string,
    reason?: string,
  ): Promise<CanaryState> {
    const current = await this.read(service);
    if (!current) throw new CanaryConflict(`no canary for ${service}; start one first`);
    return this.write(service, current.revision, {
      ...current.state,
      share,
      phase,
      changedBy: undefined,
      reason: undefined,
      ...this.stamp(by, reason),
    });
  }

  private stamp(by?: string, reason?: string) {
    return {
      changedAt: (this.opts.now?.() ?? new Date()).toISOString(),
      ...(by ? { changedBy: by } : {}),
      ...(reason ? { reason } : {}),
    };
  }

  /** Compare-and-set on the revision read: two operators changing one canary at once cannot lose a change. */
  private async write(service: string, revision: number | undefined, value: unknown): Promise<CanaryState> {
    const state = CanaryState.parse(JSON.parse(JSON.stringify(value)));
    const body = JSON.stringify(state);
    const kv = this.bucket();
    let written: number;
    try {
      written =
        revision === undefined
          ? await kv.create(canaryKey(service), body)
          : await kv.update(canaryKey(service), body, revision);
    } catch (err) {
      throw this.conflictOr(service, err);
    }
    this.revisions.set(service, Math.max(written, this.revisions.get(service) ?? 0));
    this.states.set(service, { revision: written, state });
    return state;
  }

  private conflictOr(service: string, err: unknown): unknown {
    return /wrong last sequence|key exists/i.test((err as Error).message)
      ? new CanaryConflict(`the canary for ${service} changed meanwhile; read it again and retry`)
      : err;
  }

  async stop(): Promise<void> {
    this.stopWatch?.();
    await this.watching;
    this.stopWatch = undefined;
    this.watching = undefined;
  }
}

function parseState(value: Uint8Array): CanaryState | undefined {
  try {
    const result = CanaryState.safeParse(JSON.parse(decoder.decode(value)));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}
