// A phase ends when the system is idle again, not at the last decision: the work a decision sets off (the
// reply's delivery, the ticket's status, the inbox) belongs to the tickets too, so the CPU window runs until
// every consumer of the events stream has nothing pending and nothing unacknowledged.
import { setTimeout as delay } from 'node:timers/promises';
import type { JetStreamManager } from '@nats-io/jetstream';

/** Consumers with work left: `durable: pending + unacked`; empty when the stream is drained. */
export async function backlog(jsm: JetStreamManager, stream: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for await (const info of jsm.consumers.list(stream)) {
    const left = info.num_pending + info.num_ack_pending;
    if (left > 0) out[info.name] = left;
  }
  return out;
}

/** Polls until the stream's consumers are drained; returns what was left when `timeoutMs` ran out. */
export async function settle(
  jsm: JetStreamManager,
  stream: string,
  timeoutMs: number,
): Promise<Record<string, number>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = await backlog(jsm, stream);
    if (Object.keys(left).length === 0 || Date.now() > deadline) return left;
    await delay(200);
  }
}
