import { randomBytes } from 'node:crypto';
import type { Bus } from '@parley/bus';
import type {
  ActionProposal,
  Citation,
  Draft,
  Envelope,
  ReasonCode,
  TicketTurn,
  ToolCall,
} from '@parley/contracts';
import { ActionAuthorised, ActionDeclined, agentReplyId, makeEvent, ReplyRequested } from '@parley/contracts';
import type { Database } from '@parley/db';
import { recordTimeline } from '@parley/audit';
import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import { recordDraftReview } from '../quality/reviews.js';
import type { SentReply } from './conversation.js';
import { changeOwner, lockTakeover } from './ownership.js';

export class ActionError extends Error {
  constructor(
    readonly status: 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

const SERVICE = 'handoff';
const UNANSWERED = ['open', 'taken_over'];

/** Who acts and through what: an agent of the workspace (`workspace`), an API client (`api`) or a desk. */
export interface Actor {
  agentId?: string | undefined;
  via: string;
}

/** A unique suffix for actions an agent may repeat (assign, hand back): each is its own timeline entry. */
const once = () => randomBytes(6).toString('hex');

async function lockItem(trx: Transaction<Database>, workspace: string, itemId: string) {
  const item = await trx
    .selectFrom('inbox_items')
    .select(['id', 'ticket_id', 'turn', 'status', 'draft', 'ticket', 'reasons', 'replies', 'assignee'])
    .select('action_decision')
    .where('workspace_id', '=', workspace)
    .where('id', '=', itemId)
    .forUpdate()
    .executeTakeFirst();
  if (!item) throw new ActionError(404, `inbox item ${itemId} not found`);
  return item;
}

type LockedItem = Awaited<ReturnType<typeof lockItem>>;

/**
 * Requests the reply from the item's turn in the caller's transaction: the `reply.requested` event goes to the
 * outbox, the reply is kept on the item, and the timeline says who sent it. The caller flushes the rows.
 */
export async function requestAgentReply(
  trx: Transaction<Database>,
  bus: Bus,
  item: Pick<LockedItem, 'id' | 'ticket_id' | 'turn' | 'ticket' | 'replies'>,
  reply: { replyId: string; body: string; citations: Citation[]; actor: Actor; at: Date },
) {
  const ticket = item.ticket as TicketTurn;
  const event = makeEvent(ReplyRequested, {
    ticketId: item.ticket_id,
    payload: {
      turn: item.turn,
      replyId: reply.replyId,
      channel: ticket.channel,
      source: 'agent',
      body: reply.body,
      citations: reply.citations,
      ...(reply.actor.agentId ? { agentId: reply.actor.agentId } : {}),
    },
  });
  const sent: SentReply = {
    replyId: reply.replyId,
    body: reply.body,
    agentId: reply.actor.agentId ?? null,
    at: reply.at.toISOString(),
    via: reply.actor.via,
  };
  await trx
    .updateTable('inbox_items')
    .set({ replies: sql`replies || ${JSON.stringify([sent])}::jsonb`, updated_at: reply.at })
    .where('id', '=', item.id)
    .execute();
  await recordTimeline(trx, {
    ticketId: item.ticket_id,
    turn: item.turn,
    type: event.type,
    service: SERVICE,
    eventId: event.id,
    detail: { source: 'agent', replyId: reply.replyId, via: reply.actor.via },
  });
  return bus.emitInTransaction(trx, [event]);
}

/**
 * Sends the draft (or the agent's edited or own body) as the turn's agent reply. The row lock makes a double
 * click one reply: the second call finds the item `sent` and gets a 409.
 */
export async function approve(
  db: Kysely<Database>,
  bus: Bus,
  workspace: string,
  itemId: string,
  input: { body?: string | undefined; actor: Actor; now: Date },
): Promise<{ replyId: string }> {
  const { rows, replyId } = await db.transaction().execute(async (trx) => {
    const item = await lockItem(trx, workspace, itemId);
    if (!UNANSWERED.includes(item.status))
      throw new ActionError(
        409,
        `inbox item ${itemId} was already ${item.status === 'closed' ? 'resolved' : 'sent'}`,
      );
    const draft = item.draft as Draft | null;
    const body = input.body?.trim() || draft?.body;
    if (!body) throw new ActionError(409, `inbox item ${itemId} has no draft: send a body`);
    // A reply that failed to arrive is sent again under a new id: the bus would drop a re-publish of the same one.
    const earlier = Math.max(
      (item.replies as SentReply[]).length,
      (item.reasons as ReasonCode[]).filter((r) => r.code === 'delivery_failed').length,
    );
    const replyId = agentReplyId(item.ticket_id, item.turn, earlier + 1);
    const { agentId } = input.actor;
    await trx
      .updateTable('inbox_items')
      .set({ status: 'sent', assignee: agentId ?? item.assignee, updated_at: input.now })
      .where('id', '=', itemId)
      .execute();
    const survival = await recordDraftReview(trx, {
      itemId,
      workspace,
      ticketId: item.ticket_id,
      turn: item.turn,
      draft: draft?.body ?? null,
      sent: body,
      agentId: agentId ?? null,
      at: input.now,
    });
    await recordTimeline(trx, {
      ticketId: item.ticket_id,
      turn: item.turn,
      type: 'inbox.approved',
      service: SERVICE,
      eventId: `approve:${replyId}`,
      detail: {
        inboxItemId: itemId,
        agentId: agentId ?? null,
        edited: draft ? body !== draft.body : true,
        survival,
      },
    });
    const rows = await requestAgentReply(trx, bus, item, {
      replyId,
      body,
      citations: draft?.citations ?? [],
      actor: input.actor,
      at: input.now,
    });
    return { rows, replyId };
  });
  await bus.flush(rows);
  return { replyId };
}

/**
 * The agent owns the ticket from now on: `ticket.owner_changed` goes out with the take-over, and the gate does
 * not auto-send on the ticket once it has it, until the ticket is handed back.
 */
export async function takeOver(
  db: Kysely<Database>,
  bus: Bus,
  workspace: string,
  itemId: string,
  agentId: string,
  now: Date,
): Promise<void> {
  const rows = await db.transaction().execute(async (trx) => {
    const item = await lockItem(trx, workspace, itemId);
    if (!UNANSWERED.includes(item.status))
      throw new ActionError(
        409,
        `inbox item ${itemId} was already ${item.status === 'closed' ? 'resolved' : 'sent'}`,
      );
    await trx
      .updateTable('inbox_items')
      .set({ status: 'taken_over', assignee: agentId, updated_at: now })
      .where('id', '=', itemId)
      .execute();
    await recordTimeline(trx, {
      ticketId: item.ticket_id,
      turn: item.turn,
      type: 'inbox.taken_over',
      service: SERVICE,
      eventId: `take-over:${itemId}:${once()}`,
      detail: { inboxItemId: itemId, agentId },
    });
    return changeOwner(trx, bus, {
      ticketId: item.ticket_id,
      workspace,
      owner: 'agent',
      agentId,
      inboxItemId: itemId,
      at: now,
    });
  });
  await bus.flush(rows);
}

/**
 * The bot answers the ticket again. An item the agent took over without replying goes back to the queue
 * (its customer is still waiting for that answer).
 */
export async function handBack(
  db: Kysely<Database>,
  bus: Bus,
  workspace: string,
  ticketId: string,
  agentId: string | undefined,
  at: Date,
): Promise<void> {
  const rows = await db.transaction().execute(async (trx) => {
    // Agents reach a ticket only through their workspace's inbox: one that never reached it is not found.
    const known = await trx
      .selectFrom('inbox_items')
      .select('id')
      .where('workspace_id', '=', workspace)
      .where('ticket_id', '=', ticketId)
      .limit(1)
      .executeTakeFirst();
    if (!known) throw new ActionError(404, `ticket ${ticketId} not found`);
    const takeover = await lockTakeover(trx, ticketId);
    if (!takeover?.active) return [];
    await trx
      .updateTable('inbox_items')
      .set({ status: 'open', updated_at: at })
      .where('workspace_id', '=', workspace)
      .where('ticket_id', '=', ticketId)
      .where('status', '=', 'taken_over')
      .execute();
    // Touches the ticket's latest item so every open workspace hears of the change.
    const latest = await trx
      .updateTable('inbox_items')
      .set({ updated_at: at })
      .where('workspace_id', '=', workspace)
      .where('ticket_id', '=', ticketId)
      .where('turn', '=', sql<number>`(select max(turn) from inbox_items where ticket_id = ${ticketId})`)
      .returning('turn')
      .executeTakeFirst();
    await recordTimeline(trx, {
      ticketId,
      turn: latest?.turn ?? 1,
      type: 'inbox.handed_back',
      service: SERVICE,
      eventId: `hand-back:${ticketId}:${at.toISOString()}:${once()}`,
      detail: { agentId: agentId ?? null },
    });
    return changeOwner(trx, bus, { ticketId, workspace, owner: 'bot', agentId, at });
  });
  await bus.flush(rows);
}

/** Gives the item to an agent (or to nobody, with null). */
export async function assign(
  db: Kysely<Database>,
  workspace: string,
  itemId: string,
  input: { assignee: string | null; agentId?: string | undefined; now: Date },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const item = await lockItem(trx, workspace, itemId);
    if (item.assignee === input.assignee) return;
    await trx
      .updateTable('inbox_items')
      .set({ assignee: input.assignee, updated_at: input.now })
      .where('id', '=', itemId)
      .execute();
    await recordTimeline(trx, {
      ticketId: item.ticket_id,
      turn: item.turn,
      type: 'inbox.assigned',
      service: SERVICE,
      eventId: `assign:${itemId}:${once()}`,
      detail: { inboxItemId: itemId, assignee: input.assignee, agentId: input.agentId ?? null },
    });
  });
}

/** Nothing more is owed on the item: it leaves every queue but `done`. */
export async function resolve(
  db: Kysely<Database>,
  workspace: string,
  itemId: string,
  input: { agentId?: string | undefined; now: Date },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const item = await lockItem(trx, workspace, itemId);
    if (item.status === 'closed') throw new ActionError(409, `inbox item ${itemId} was already resolved`);
    await trx
      .updateTable('inbox_items')
      .set({ status: 'closed', updated_at: input.now })
      .where('id', '=', itemId)
      .execute();
    await recordTimeline(trx, {
      ticketId: item.ticket_id,
      turn: item.turn,
      type: 'inbox.resolved',
      service: SERVICE,
      eventId: `resolve:${itemId}`,
      detail: { inboxItemId: itemId, agentId: input.agentId ?? null, from: item.status },
    });
  });
}

/** What the draft proposes to do: its proposal (the write with its arguments, executable), else the action it names. */
export interface Proposed {
  action: string;
  toolCalls: ToolCall[];
  /** The executable proposal (`draft.proposal`): approving it authorises the actions service to run it. */
  proposal: ActionProposal | null;
}

export function proposedAction(draft: Draft | null): Proposed | null {
  if (!draft) return null;
  if (draft.proposal)
    return {
      action: draft.proposal.tool,
      toolCalls: [{ name: draft.proposal.tool, input: draft.proposal.input, status: 'proposed' }],
      proposal: draft.proposal,
    };
  const toolCalls = draft.toolCalls.filter((c) => c.status === 'proposed');
  if (toolCalls.length === 0 && !draft.action) return null;
  return { action: draft.action ?? toolCalls[0]!.name, toolCalls, proposal: null };
}

export interface ActionDecision {
  decision: 'approved' | 'rejected';
  /** Who decided: an agent in the inbox, or the customer answering the read-back. */
  by: 'agent' | 'customer';
  /**
   * `pending_execution` until the actions service settles an approved proposal (`executed`, `refused` by the
   * store's policy, `failed`); `manual` for an approved action the draft named without an executable proposal
   * (a person carries it out); `rejected` stays so.
   */
  status: 'pending_execution' | 'executed' | 'refused' | 'failed' | 'manual' | 'rejected';
  action: string;
  actionId?: string;
  toolCalls: ToolCall[];
  agentId: string | null;
  at: string;
  note?: string;
  /** What the store said when it refused, or why the execution failed (no customer data). */
  outcome?: string;
  settledAt?: string;
}

/**
 * The agent's decision on the draft's proposed action, recorded on the item and the timeline. Approving an
 * executable proposal emits `action.authorised` (by the agent) in the same transaction: the actions service runs
 * it once and tells the customer the outcome, and its `action.settled` updates the item. Rejecting it emits
 * `action.declined`. A customer's own answer to the read-back, recorded first, is final here (409).
 */
export async function decideAction(
  db: Kysely<Database>,
  bus: Bus,
  workspace: string,
  itemId: string,
  input: {
    decision: 'approved' | 'rejected';
    agentId?: string | undefined;
    note?: string | undefined;
    now: Date;
  },
): Promise<ActionDecision> {
  const { decided, rows } = await db.transaction().execute(async (trx) => {
    const item = await lockItem(trx, workspace, itemId);
    const proposed = proposedAction(item.draft as Draft | null);
    if (!proposed) throw new ActionError(409, `inbox item ${itemId} proposes no action`);
    const earlier = item.action_decision as ActionDecision | null;
    if (earlier)
      throw new ActionError(
        409,
        `the action of inbox item ${itemId} was already ${earlier.decision}${earlier.by === 'customer' ? ' by the customer' : ''}`,
      );
    const proposal = proposed.proposal;
    const decided: ActionDecision = {
      decision: input.decision,
      by: 'agent',
      status: input.decision === 'rejected' ? 'rejected' : proposal ? 'pending_execution' : 'manual',
      action: proposed.action,
      ...(proposal ? { actionId: proposal.actionId } : {}),
      toolCalls: proposed.toolCalls,
      agentId: input.agentId ?? null,
      at: input.now.toISOString(),
      ...(input.note ? { note: input.note } : {}),
    };
    await trx
      .updateTable('inbox_items')
      .set({ action_decision: JSON.stringify(decided), updated_at: input.now })
      .where('id', '=', itemId)
      .execute();
    await recordTimeline(trx, {
      ticketId: item.ticket_id,
      turn: item.turn,
      type: input.decision === 'approved' ? 'inbox.action_approved' : 'inbox.action_rejected',
      service: SERVICE,
      eventId: `action:${itemId}`,
      detail: {
        inboxItemId: itemId,
        action: proposed.action,
        actionId: proposal?.actionId ?? null,
        agentId: input.agentId ?? null,
      },
    });
    if (!proposal) return { decided, rows: [] };
    const by = { kind: 'agent' as const, ...(input.agentId ? { id: input.agentId } : {}) };
    const event =
      input.decision === 'approved'
        ? makeEvent(ActionAuthorised, {
            ticketId: item.ticket_id,
            payload: { turn: item.turn, proposal, by, channel: (item.ticket as TicketTurn).channel },
          })
        : makeEvent(ActionDeclined, {
            ticketId: item.ticket_id,
            payload: { turn: item.turn, actionId: proposal.actionId, by },
          });
    await recordTimeline(trx, {
      ticketId: item.ticket_id,
      turn: item.turn,
      type: event.type,
      service: SERVICE,
      eventId: event.id,
      detail: { actionId: proposal.actionId, tool: proposal.tool, by: 'agent' },
    });
    return { decided, rows: await bus.emitInTransaction(trx, [event as Envelope]) };
  });
  await bus.flush(rows);
  return decided;
}
