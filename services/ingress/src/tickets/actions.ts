import type {
  ActionAuthorised,
  ActionDeclined,
  ActionProposal,
  ActionProposed,
  ActionSettled,
  Authoriser,
  EventOf,
  PendingAction,
} from '@parley/contracts';
import type { Database } from '@parley/db';
import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';

/** What `GET /v1/tickets/:id` lists for each action. */
export interface ActionView {
  actionId: string;
  tool: string;
  input: Record<string, unknown>;
  /** proposed | confirmed | executed | refused | failed */
  status: string;
  result?: Record<string, unknown>;
  authorisedBy?: Authoriser;
}

type ActionEvent =
  | EventOf<typeof ActionProposed>
  | EventOf<typeof ActionAuthorised>
  | EventOf<typeof ActionDeclined>
  | EventOf<typeof ActionSettled>;

export interface Change {
  actionId: string;
  tool?: string;
  turn?: number;
  proposal?: ActionProposal;
  confirmBy?: string;
  status: string;
  rank: number;
  result?: Record<string, unknown>;
  authorisedBy?: Authoriser;
}

/** The view's change for one action event; ranks keep a late event from moving a status back. */
export function changeFor(event: ActionEvent): Change {
  switch (event.type) {
    case 'action.proposed': {
      const { proposal, confirmBy, turn } = event.payload;
      return proposedChange(turn, proposal, confirmBy);
    }
    case 'action.authorised': {
      const { proposal, by } = event.payload;
      return {
        actionId: proposal.actionId,
        tool: proposal.tool,
        proposal,
        status: 'confirmed',
        rank: 1,
        authorisedBy: by,
      };
    }
    case 'action.declined': {
      const { actionId, by } = event.payload;
      // Declined by the customer or an agent: not done, like a refusal, with who declined it.
      return { actionId, status: 'refused', rank: 2, result: { declinedBy: by.kind } };
    }
    case 'action.settled': {
      const { actionId, tool, status, result, refusal, reason } = event.payload;
      const detail = result ?? (refusal ? { refusal } : reason ? { reason } : undefined);
      return { actionId, tool, status, rank: 2, ...(detail ? { result: detail } : {}) };
    }
  }
}

/** A proposal read back on `turn`, as `action.proposed` or the reply reading it back tells it. */
export function proposedChange(turn: number, proposal: ActionProposal, confirmBy: string): Change {
  return {
    actionId: proposal.actionId,
    tool: proposal.tool,
    turn,
    proposal,
    confirmBy,
    status: 'proposed',
    rank: 0,
  };
}

/**
 * Merges one action event into ingress's view of the ticket's actions. Events may arrive in any order: each
 * fills what it knows, and the status only moves forward.
 */
export async function recordAction(
  trx: Transaction<Database>,
  ticketId: string,
  event: ActionEvent,
): Promise<void> {
  await recordChange(trx, ticketId, changeFor(event));
}

/** Merges one change into the view (`recordAction`); a proposal read back is recorded with its reply too. */
export async function recordChange(trx: Transaction<Database>, ticketId: string, c: Change): Promise<void> {
  const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
  await trx
    .insertInto('ticket_actions')
    .values({
      action_id: c.actionId,
      ticket_id: ticketId,
      turn: c.turn ?? null,
      tool: c.tool ?? 'unknown',
      proposal: json(c.proposal),
      confirm_by: c.confirmBy ?? null,
      status: c.status,
      rank: c.rank,
      result: json(c.result),
      authorised_by: json(c.authorisedBy),
    })
    .onConflict((oc) =>
      oc.column('action_id').doUpdateSet({
        turn: sql`coalesce(ticket_actions.turn, excluded.turn)`,
        tool: sql`case when excluded.tool = 'unknown' then ticket_actions.tool else excluded.tool end`,
        proposal: sql`coalesce(ticket_actions.proposal, excluded.proposal)`,
        confirm_by: sql`coalesce(ticket_actions.confirm_by, excluded.confirm_by)`,
        status: sql`case when excluded.rank > ticket_actions.rank then excluded.status else ticket_actions.status end`,
        rank: sql`greatest(ticket_actions.rank, excluded.rank)`,
        result: sql`coalesce(excluded.result, ticket_actions.result)`,
        authorised_by: sql`coalesce(ticket_actions.authorised_by, excluded.authorised_by)`,
        updated_at: sql`now()`,
      }),
    )
    .execute();
}

/** The ticket's actions, oldest proposal first. */
export async function actionsOf(db: Kysely<Database>, ticketId: string): Promise<ActionView[]> {
  const rows = await db
    .selectFrom('ticket_actions')
    .select(['action_id', 'tool', 'proposal', 'status', 'result', 'authorised_by'])
    .where('ticket_id', '=', ticketId)
    .orderBy('turn')
    .orderBy('action_id')
    .execute();
  return rows.map((r) => ({
    actionId: r.action_id,
    tool: r.tool,
    input: ((r.proposal as ActionProposal | null)?.input ?? {}) as Record<string, unknown>,
    status: r.status,
    ...(r.result ? { result: r.result as Record<string, unknown> } : {}),
    ...(r.authorised_by ? { authorisedBy: r.authorised_by as Authoriser } : {}),
  }));
}

/**
 * The proposal read back to the customer on the turn just before `nextTurn` and not answered yet: only the
 * customer's very next message may confirm it.
 */
export async function pendingActionFor(
  trx: Transaction<Database>,
  ticketId: string,
  nextTurn: number,
): Promise<PendingAction | undefined> {
  const row = await trx
    .selectFrom('ticket_actions')
    .select(['proposal', 'confirm_by'])
    .where('ticket_id', '=', ticketId)
    .where('turn', '=', nextTurn - 1)
    .where('status', '=', 'proposed')
    .where('confirm_by', '=', 'customer')
    .orderBy('action_id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row?.proposal) return undefined;
  return { proposal: row.proposal as ActionProposal, confirmBy: 'customer' };
}
