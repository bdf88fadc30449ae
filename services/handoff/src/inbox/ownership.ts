import type { Bus, OutboxRow } from '@parley/bus';
import type { Envelope } from '@parley/contracts';
import { makeEvent, TicketOwnerChanged } from '@parley/contracts';
import { entryFor, recordTimeline } from '@parley/audit';
import type { Database } from '@parley/db';
import type { Kysely, Transaction } from 'kysely';

// Handoff decides who answers a ticket: agents take tickets over and hand them back here. The record is handoff's
// own (`takeovers`); every change is announced as `ticket.owner_changed`, numbered per ticket, so the gate and
// ingress keep their own views of it and apply the latest change whatever order they hear them in.

export interface OwnerChange {
  ticketId: string;
  workspace: string;
  owner: 'bot' | 'agent';
  agentId?: string | undefined;
  inboxItemId?: string | undefined;
  at: Date;
}

/** Whether an agent owns the ticket, as handoff last decided. */
export async function ownerOf(db: Kysely<Database> | Transaction<Database>, ticketId: string) {
  const row = await db
    .selectFrom('takeovers')
    .select('active')
    .where('ticket_id', '=', ticketId)
    .executeTakeFirst();
  return row?.active ? 'agent' : 'bot';
}

/** The ticket's take-over record, locked until the caller's transaction ends; undefined when it never had one. */
export async function lockTakeover(trx: Transaction<Database>, ticketId: string) {
  return trx
    .selectFrom('takeovers')
    .select(['active', 'seq'])
    .where('ticket_id', '=', ticketId)
    .forUpdate()
    .executeTakeFirst();
}

/** The latest turn of the ticket that reached the workspace's inbox. */
async function latestTurn(trx: Transaction<Database>, workspace: string, ticketId: string): Promise<number> {
  const row = await trx
    .selectFrom('inbox_items')
    .select((eb) => eb.fn.max('turn').as('turn'))
    .where('workspace_id', '=', workspace)
    .where('ticket_id', '=', ticketId)
    .executeTakeFirst();
  return row?.turn ?? 1;
}

/**
 * Records the change under the next number of the ticket, with its timeline entry, and writes the event to the
 * outbox in the caller's transaction; the caller flushes the rows after commit.
 */
export async function changeOwner(
  trx: Transaction<Database>,
  bus: Bus,
  change: OwnerChange,
): Promise<OutboxRow[]> {
  const { seq } = await trx
    .insertInto('takeovers')
    .values({
      ticket_id: change.ticketId,
      workspace_id: change.workspace,
      agent_id: change.agentId ?? null,
      active: change.owner === 'agent',
      seq: 1,
      changed_at: change.at,
    })
    .onConflict((oc) =>
      oc.column('ticket_id').doUpdateSet((eb) => ({
        agent_id: eb.ref('excluded.agent_id'),
        active: eb.ref('excluded.active'),
        seq: eb('takeovers.seq', '+', 1),
        changed_at: eb.ref('excluded.changed_at'),
      })),
    )
    .returning('seq')
    .executeTakeFirstOrThrow();
  const event = makeEvent(TicketOwnerChanged, {
    ticketId: change.ticketId,
    occurredAt: change.at,
    payload: {
      turn: await latestTurn(trx, change.workspace, change.ticketId),
      owner: change.owner,
      seq,
      workspace: change.workspace,
      ...(change.agentId ? { agentId: change.agentId } : {}),
      ...(change.inboxItemId ? { inboxItemId: change.inboxItemId } : {}),
    },
  });
  await recordTimeline(
    trx,
    entryFor(event, 'handoff', {
      owner: change.owner,
      seq,
      agentId: change.agentId ?? null,
      ...(change.inboxItemId ? { inboxItemId: change.inboxItemId } : {}),
    }),
  );
  return bus.emitInTransaction(trx, [event as Envelope]);
}
