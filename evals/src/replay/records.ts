// What a deployment's database says happened to its tickets, turn by turn: the customer's words and, for each
// turn, the decision, the reply sent or the draft offered, the routing confidence, the model cost and the time
// from message to decision. Read the same way from the deployment's schema and from the replay's.
import type { Channel, Customer } from '@parley/contracts';
import type { Database } from '@parley/db';
import type { Kysely } from 'kysely';
import type { Decision, TimelineEntry } from '../tickets.js';
import { costOf } from '../tickets.js';

export interface Answer {
  /** `reply`: sent to the customer; `draft`: offered to an agent in the inbox. */
  kind: 'reply' | 'draft';
  body: string;
  cited: string[];
}

export interface TurnOutcome {
  decision: Decision;
  reasons: string[];
  intent?: string;
  band?: string;
  /** The routing confidence the gate reads (the handling confidence when the router gives one). */
  confidence?: number;
  answer?: Answer;
  costUsd: number;
  /** From the customer's message to the decision, in ms. */
  latencyMs: number;
}

export interface StoredTurn {
  turn: number;
  body: string;
  at: Date;
  /** Null when the turn never reached a decision (an agent's ticket, or still in flight). */
  outcome: TurnOutcome | null;
}

export interface StoredTicket {
  id: string;
  workspace: string;
  channel: Channel;
  customer: Customer;
  subject: string | null;
  createdAt: Date;
  /** The customer's turns, oldest first. */
  turns: StoredTurn[];
}

export interface Window {
  from: Date;
  to: Date;
  limit?: number;
  workspace: string;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

function articleIds(citations: unknown): string[] {
  if (!Array.isArray(citations)) return [];
  const ids = citations
    .map((c) => (c as { articleId?: unknown }).articleId)
    .filter((id) => typeof id === 'string');
  return [...new Set(ids as string[])];
}

/** The ids of the tickets created in [from, to) in a workspace, oldest first, at most `limit`. */
export async function ticketsInWindow(db: Kysely<Database>, w: Window): Promise<string[]> {
  let q = db
    .selectFrom('tickets')
    .select('id')
    .where('workspace_id', '=', w.workspace)
    .where('created_at', '>=', w.from)
    .where('created_at', '<', w.to)
    .orderBy('created_at')
    .orderBy('id');
  if (w.limit !== undefined) q = q.limit(w.limit);
  return (await q.execute()).map((r) => r.id);
}

/** One ticket with its customer turns and what each came to; undefined when there is no such ticket. */
export async function loadTicket(db: Kysely<Database>, id: string): Promise<StoredTicket | undefined> {
  const ticket = await db
    .selectFrom('tickets')
    .select(['id', 'workspace_id', 'channel', 'customer', 'subject', 'created_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!ticket) return undefined;
  const [messages, decisions, replies, drafts, timeline] = await Promise.all([
    db
      .selectFrom('messages')
      .select(['turn', 'body', 'created_at'])
      .where('ticket_id', '=', id)
      .where('role', '=', 'customer')
      .orderBy('turn')
      .execute(),
    db.selectFrom('decisions').selectAll().where('ticket_id', '=', id).execute(),
    db
      .selectFrom('replies')
      .select(['turn', 'body', 'citations', 'source'])
      .where('ticket_id', '=', id)
      .where('source', 'in', ['auto', 'static'])
      .execute(),
    db.selectFrom('inbox_items').select(['turn', 'draft']).where('ticket_id', '=', id).execute(),
    db
      .selectFrom('timeline')
      .select(['turn', 'type', 'detail'])
      .where('ticket_id', '=', id)
      .orderBy('id')
      .execute(),
  ]);
  const turns = messages.map((m): StoredTurn => {
    const decided = decisions.find((d) => d.turn === m.turn);
    if (!decided) return { turn: m.turn, body: m.body, at: m.created_at, outcome: null };
    const entries: TimelineEntry[] = timeline
      .filter((t) => t.turn === m.turn)
      .map((t) => ({ type: t.type, detail: (t.detail ?? {}) as Record<string, unknown> }));
    const detail = (type: string) => entries.find((t) => t.type === type)?.detail ?? {};
    const routed = entries.some((t) => t.type === 'ticket.routed')
      ? detail('ticket.routed')
      : detail('ticket.escalated');
    const reply = replies.find((r) => r.turn === m.turn);
    const draft = drafts.find((d) => d.turn === m.turn)?.draft as
      { body?: unknown; citations?: unknown; usage?: { costUsd?: number } } | null | undefined;
    const answer: Answer | undefined = reply
      ? { kind: 'reply', body: reply.body, cited: articleIds(reply.citations) }
      : typeof draft?.body === 'string'
        ? { kind: 'draft', body: draft.body, cited: articleIds(draft.citations) }
        : undefined;
    const confidence = num(routed.handlingConfidence) ?? num(routed.confidence);
    const reasons = Array.isArray(decided.reasons)
      ? (decided.reasons as Array<{ code?: unknown }>).map((r) => String(r.code))
      : [];
    return {
      turn: m.turn,
      body: m.body,
      at: m.created_at,
      outcome: {
        decision: decided.decision as Decision,
        reasons,
        ...(decided.intent ? { intent: decided.intent } : {}),
        ...(decided.band ? { band: decided.band } : {}),
        ...(confidence !== undefined ? { confidence } : {}),
        ...(answer ? { answer } : {}),
        costUsd: costOf(entries, draft?.usage),
        latencyMs: Math.max(0, decided.decided_at.getTime() - m.created_at.getTime()),
      },
    };
  });
  return {
    id: ticket.id,
    workspace: ticket.workspace_id,
    channel: ticket.channel as Channel,
    customer: ticket.customer as Customer,
    subject: ticket.subject,
    createdAt: ticket.created_at,
    turns,
  };
}

/** The text of every help-centre article by id (its sections joined), for finding the sentences an answer quotes. */
export async function articleTexts(db: Kysely<Database>): Promise<Map<string, string>> {
  const rows = await db.selectFrom('kb_chunks').select(['article_id', 'text']).orderBy('id').execute();
  const out = new Map<string, string>();
  for (const r of rows) out.set(r.article_id, `${out.get(r.article_id) ?? ''}\n${r.text}`);
  return out;
}
