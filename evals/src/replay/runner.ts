// Replays stored tickets through a running stack: each ticket's customer turns are posted through the public
// API as the customer wrote them (same channel, same identifiers), one turn after the previous one's
// decision, and what the stack made of them is read back from its schema as the originals were.
import type { Customer } from '@parley/contracts';
import type { Stack } from '../stack.js';
import { apiClient } from '../stack.js';
import { mapLimited } from '../tickets.js';
import type { StoredTicket } from './records.js';
import { loadTicket } from './records.js';

/** The sender as the original ticket named them; the CRM id stands in only when nothing else identified them. */
export function senderOf(customer: Customer): Record<string, string> {
  const out: Record<string, string> = {};
  if (customer.email) out.email = customer.email;
  if (customer.phone) out.phone = customer.phone;
  if (customer.name) out.name = customer.name;
  if (customer.crmId && !customer.email && !customer.phone) out.id = customer.crmId;
  return out;
}

export interface Replayed {
  original: StoredTicket;
  candidate?: StoredTicket;
  error?: string;
}

async function poll<T>(timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until the turn's decision and what follows it (the reply, or the inbox item) are stored. */
async function settled(stack: Stack, ticketId: string, turn: number, timeoutMs: number): Promise<boolean> {
  const db = stack.db.db;
  const decided = await poll(timeoutMs, async () => {
    const d = await db
      .selectFrom('decisions')
      .select('decision')
      .where('ticket_id', '=', ticketId)
      .where('turn', '=', turn)
      .executeTakeFirst();
    return d?.decision;
  });
  if (decided === undefined) return false;
  // The reply is delivered, or the handoff filed, by the next service along: wait for it, briefly.
  await poll(timeoutMs, async () => {
    const table = decided === 'auto_sent' ? 'replies' : 'inbox_items';
    const row = await db
      .selectFrom(table)
      .select('turn')
      .where('ticket_id', '=', ticketId)
      .where('turn', '=', turn)
      .executeTakeFirst();
    return row ? true : undefined;
  });
  return true;
}

async function replayOne(stack: Stack, t: StoredTicket, timeoutMs: number): Promise<Replayed> {
  const api = apiClient(stack);
  let id: string | undefined;
  for (const [i, turn] of t.turns.entries()) {
    const posted =
      i === 0
        ? await api.postTicket({
            channel: t.channel,
            customer: senderOf(t.customer),
            ...(t.subject !== null ? { subject: t.subject } : {}),
            body: turn.body,
          })
        : await api.call('ingress', 'POST', `/v1/tickets/${id}/messages`, { body: turn.body });
    if (posted.status !== 202)
      return {
        original: t,
        error: `turn ${turn.turn}: the API answered ${posted.status} (${String(posted.body.error)})`,
      };
    id = posted.body.ticketId as string;
    const number = i === 0 ? 1 : (posted.body.turn as number);
    if (!(await settled(stack, id, number, timeoutMs))) {
      const candidate = await loadTicket(stack.db.db, id);
      return {
        original: t,
        ...(candidate ? { candidate } : {}),
        error: `turn ${turn.turn}: no decision in ${timeoutMs} ms`,
      };
    }
  }
  const candidate = id === undefined ? undefined : await loadTicket(stack.db.db, id);
  return { original: t, ...(candidate ? { candidate } : {}) };
}

/** Replays the tickets, `concurrency` at a time, results in input order. */
export async function replayTickets(
  stack: Stack,
  tickets: readonly StoredTicket[],
  opts: { concurrency: number; timeoutMs: number },
): Promise<Replayed[]> {
  return mapLimited(tickets, opts.concurrency, (t) => replayOne(stack, t, opts.timeoutMs));
}
