// Offers tickets to the public API: open loop (each ticket posted at its scheduled time whatever became of the
// earlier ones, as independent customers would) or at saturation (a fixed number in flight, the next posted
// as soon as one is decided).
import { setTimeout as delay } from 'node:timers/promises';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { TicketRequest } from '../../tickets.js';

export type BenchTicket = TicketRequest & { externalId: string };

export interface PostOutcome {
  /** HTTP status; 0 when the request failed below HTTP (connection refused or reset). */
  status: number;
  ticketId?: string;
  retryAfterS?: number;
}

export type Post = (ticket: BenchTicket) => Promise<PostOutcome>;

/** `POST /v1/tickets` with an integration's key. */
export function poster(ingressUrl: string, apiKey: string): Post {
  return async (ticket) => {
    try {
      const res = await fetch(`${ingressUrl}/v1/tickets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(ticket),
      });
      const text = await res.text();
      const retryAfter = Number(res.headers.get('retry-after'));
      const outcome: PostOutcome = { status: res.status };
      if (Number.isFinite(retryAfter) && retryAfter > 0) outcome.retryAfterS = retryAfter;
      if (res.status === 202) outcome.ticketId = (JSON.parse(text) as { ticketId: string }).ticketId;
      return outcome;
    } catch {
      return { status: 0 };
    }
  };
}

/**
 * Notices decisions as the gate publishes them (a core subscription on `ticket.decided`, which JetStream
 * publishes reach too), so saturation can post the next ticket without polling the API or the database.
 */
export class DecisionWatch {
  private readonly decided = new Set<string>();
  private readonly waiting = new Map<string, () => void>();
  private readonly sub: Subscription;

  constructor(nc: NatsConnection, subject: string) {
    const sub = nc.subscribe(subject);
    this.sub = sub;
    void (async () => {
      for await (const msg of sub) {
        let ticketId: unknown;
        try {
          ticketId = (msg.json() as { ticketId?: unknown }).ticketId;
        } catch {
          continue;
        }
        if (typeof ticketId !== 'string') continue;
        this.decided.add(ticketId);
        this.waiting.get(ticketId)?.();
      }
    })();
  }

  has(ticketId: string): boolean {
    return this.decided.has(ticketId);
  }

  /** True once the ticket is decided; false after `timeoutMs` without a decision. */
  async wait(ticketId: string, timeoutMs: number): Promise<boolean> {
    if (this.decided.has(ticketId)) return true;
    const ac = new AbortController();
    const decided = new Promise<boolean>((resolve) => {
      this.waiting.set(ticketId, () => resolve(true));
    });
    const timedOut = delay(timeoutMs, false, { signal: ac.signal }).catch(() => false);
    const result = await Promise.race([decided, timedOut]);
    ac.abort();
    this.waiting.delete(ticketId);
    return result;
  }

  /** Waits until every ticket is decided or the deadline passes; returns how many were. */
  async waitAll(ticketIds: readonly string[], timeoutMs: number): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    let decided = 0;
    for (const id of ticketIds) {
      if (await this.wait(id, Math.max(0, deadline - Date.now()))) decided++;
    }
    return decided;
  }

  close(): void {
    this.sub.unsubscribe();
  }
}

export interface OpenLoopRun {
  outcomes: PostOutcome[];
  /** How late each post left against its schedule, in ms (the client itself falling behind). */
  lagMs: number[];
  seconds: number;
}

/** Posts ticket i at `i / rate` seconds from the start, not waiting for any answer. */
export async function openLoop(
  tickets: readonly BenchTicket[],
  rate: number,
  post: Post,
): Promise<OpenLoopRun> {
  const start = performance.now();
  const pending: Array<Promise<PostOutcome>> = [];
  const lagMs: number[] = [];
  for (let i = 0; i < tickets.length; i++) {
    const due = start + (i * 1000) / rate;
    const early = due - performance.now();
    if (early > 0) await delay(early);
    lagMs.push(Math.max(0, performance.now() - due));
    pending.push(post(tickets[i]!));
  }
  const outcomes = await Promise.all(pending);
  return { outcomes, lagMs, seconds: (performance.now() - start) / 1000 };
}

export interface SaturationRun {
  outcomes: PostOutcome[];
  /** Accepted tickets not decided within the per-ticket timeout (the slot moved on). */
  timedOut: number;
  seconds: number;
}

/**
 * Keeps `inFlight` tickets between post and decision. A refused post (429/503) is not retried: the slot waits
 * the Retry-After it was given (at most 5 s) and posts the next ticket.
 */
export async function saturate(
  tickets: readonly BenchTicket[],
  inFlight: number,
  post: Post,
  watch: DecisionWatch,
  ticketTimeoutMs: number,
): Promise<SaturationRun> {
  const start = performance.now();
  const outcomes = new Array<PostOutcome>(tickets.length);
  let next = 0;
  let timedOut = 0;
  const slot = async () => {
    while (next < tickets.length) {
      const i = next++;
      const outcome = await post(tickets[i]!);
      outcomes[i] = outcome;
      if (outcome.ticketId !== undefined) {
        if (!(await watch.wait(outcome.ticketId, ticketTimeoutMs))) timedOut++;
      } else if (outcome.retryAfterS !== undefined) {
        await delay(Math.min(outcome.retryAfterS, 5) * 1000);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, tickets.length) }, slot));
  return { outcomes, timedOut, seconds: (performance.now() - start) / 1000 };
}

export interface Tally {
  posted: number;
  accepted: number;
  refused: { '429': number; '503': number };
  /** Any other answer (4xx, 5xx) or a request that failed below HTTP. */
  failed: number;
}

export function tally(outcomes: readonly PostOutcome[]): Tally {
  const t: Tally = { posted: outcomes.length, accepted: 0, refused: { '429': 0, '503': 0 }, failed: 0 };
  for (const o of outcomes) {
    if (o.status === 202) t.accepted++;
    else if (o.status === 429) t.refused['429']++;
    else if (o.status === 503) t.refused['503']++;
    else t.failed++;
  }
  return t;
}
