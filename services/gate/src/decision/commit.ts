import type { Transaction } from 'kysely';
import type {
  Envelope,
  KillSwitchMode,
  PayloadOf,
  Passage,
  CustomerContext,
  TicketTurn,
  Routing,
  Draft,
} from '@parley/contracts';
import {
  ActionAuthorised,
  ActionDeclined,
  ActionProposed,
  DEFAULT_WORKSPACE,
  HandoffRequested,
  makeEvent,
  ReplyRequested,
  TicketDecided,
  turnReplyId,
} from '@parley/contracts';
import type { Database } from '@parley/db';
import { entryFor } from '@parley/audit';
import type { HandlerContext } from '@parley/bus';
import type { ActionStep } from './actions.js';
import type { GateOutcome } from './decide.js';

export const SERVICE = 'gate';

export interface TurnContext {
  ticketId: string;
  turn: number;
  ticket: TicketTurn;
  routing: Routing;
  draft: Draft | null;
  sources: Passage[];
  customer: CustomerContext | null;
  traceparent?: string | undefined;
}

// Every decision runs one of these, written out (and prepared with its events) rather than built per message. The
// owner is read by the insert itself, as far as the gate has heard (`ticket.owner_changed`, kept in its own
// `ticket_owners`; a ticket it has heard nothing of is the bot's): the decision is made for the likely owner, the
// bot, and recorded only if the ticket is the bot's; if it was not recorded, it is made again for an agent and
// recorded only if an agent owns it. Neither is recorded for a turn already decided.
const INSERT_DECISION = (
  owner: 'bot' | 'agent',
) => `insert into decisions (ticket_id, turn, decision, mode, reasons, intent, band)
    select $1::text, $2::integer, $3::text, $4::text, $5::jsonb, $6::text, $7::text
    where ${owner === 'agent' ? '' : 'not '}exists (
      select 1 from ticket_owners where ticket_id = $1 and owner = 'agent'
    )
    on conflict (ticket_id, turn) do nothing
    returning decision`;
const DECISION_FOR: Readonly<Record<'bot' | 'agent', string>> = {
  bot: INSERT_DECISION('bot'),
  agent: INSERT_DECISION('agent'),
};

/**
 * Applies an owner change to the gate's view unless a later one (higher `seq`) is already there: changes of
 * one ticket may be delivered in any order, and the latest made is the one that holds.
 */
export async function applyOwnerChange(
  trx: Transaction<Database>,
  ticketId: string,
  change: { owner: 'bot' | 'agent'; seq: number; at: Date },
): Promise<boolean> {
  const applied = await trx
    .insertInto('ticket_owners')
    .values({ ticket_id: ticketId, owner: change.owner, seq: change.seq, changed_at: change.at })
    .onConflict((oc) =>
      oc
        .column('ticket_id')
        .doUpdateSet((eb) => ({
          owner: eb.ref('excluded.owner'),
          seq: eb.ref('excluded.seq'),
          changed_at: eb.ref('excluded.changed_at'),
        }))
        .where('ticket_owners.seq', '<', (eb) => eb.ref('excluded.seq')),
    )
    .returning('seq')
    .executeTakeFirst();
  return applied !== undefined;
}

/**
 * Records the decision for (ticket, turn) made for `owner`, with the events it produces and their timeline entries,
 * in one statement, and returns those events. The decisions primary key makes it exactly once: when the turn was
 * already decided (another event for the same turn got here first), or the ticket's owner is not `owner`, nothing is
 * written and nothing is returned.
 */
export async function commitDecision(
  trx: Transaction<Database>,
  turn: TurnContext,
  owner: 'bot' | 'agent',
  outcome: GateOutcome,
  mode: KillSwitchMode,
  write: HandlerContext['writeGuarded'],
): Promise<Envelope[]> {
  const events = decisionEvents(turn, outcome, mode);
  const decided = await write(
    trx,
    {
      sql: DECISION_FOR[owner],
      params: [
        turn.ticketId,
        turn.turn,
        outcome.decision,
        mode,
        JSON.stringify(outcome.reasons),
        turn.routing.intent,
        turn.routing.band,
      ],
    },
    {
      events,
      entries: events.map((event) => {
        const e = event as Envelope<string, number, { turn: number }>;
        return entryFor(e, SERVICE, detailOf(e, outcome, mode));
      }),
    },
  );
  return decided ? events : [];
}

/** The events a decision announces: the decision itself, then the reply, hand-over or action it calls for. */
function decisionEvents(turn: TurnContext, outcome: GateOutcome, mode: KillSwitchMode): Envelope[] {
  const base = { ticketId: turn.ticketId, traceparent: turn.traceparent };
  const events: Envelope[] = [
    makeEvent(TicketDecided, {
      ...base,
      payload: {
        turn: turn.turn,
        decision: outcome.decision,
        mode,
        intent: turn.routing.intent,
        band: turn.routing.band,
        reasons: outcome.reasons,
        customer: turn.ticket.customer,
        ...qualityFields(turn, outcome),
      },
    }),
  ];
  if (outcome.reply) {
    events.push(
      makeEvent(ReplyRequested, {
        ...base,
        payload: {
          turn: turn.turn,
          replyId: turnReplyId(turn.ticketId, turn.turn),
          channel: turn.ticket.channel,
          source: outcome.reply.source,
          body: outcome.reply.body,
          citations: outcome.reply.citations,
          // A read-back travels with its reply: the customer's answer may come before ingress has read the
          // `action.proposed` below.
          ...(outcome.action?.kind === 'propose'
            ? { readsBack: { proposal: outcome.action.proposal, confirmBy: outcome.action.confirmBy } }
            : {}),
        },
      }),
    );
  }
  if (outcome.handoff) {
    events.push(
      makeEvent(HandoffRequested, {
        ...base,
        payload: {
          turn: turn.turn,
          kind: outcome.handoff.kind,
          reasons:
            outcome.handoff.reasons.length > 0 ? outcome.handoff.reasons : [{ code: outcome.decision }],
          priority: outcome.handoff.priority,
          ticket: turn.ticket,
          routing: turn.routing,
          draft: turn.draft,
          sources: turn.sources,
          customer: turn.customer,
        },
      }),
    );
  }
  if (outcome.action) events.push(actionEvent(outcome.action, turn));
  return events;
}

/** What the quality report counts per turn, and for an automatic reply what the judge grades. */
function qualityFields(turn: TurnContext, outcome: GateOutcome): Partial<PayloadOf<typeof TicketDecided>> {
  const cited = new Set(outcome.reply?.citations.map((c) => c.chunkId));
  return {
    workspace: turn.ticket.workspace ?? DEFAULT_WORKSPACE,
    channel: turn.ticket.channel,
    receivedAt: turn.ticket.receivedAt,
    costUsd: turn.draft?.usage.costUsd ?? 0,
    ...(outcome.decision === 'auto_sent' && outcome.reply?.source === 'auto' && turn.draft
      ? {
          answer: {
            replyId: turnReplyId(turn.ticketId, turn.turn),
            question: turn.ticket.body,
            body: outcome.reply.body,
            citations: outcome.reply.citations,
            facts: turn.draft.facts,
            sources: turn.sources.filter((p) => cited.has(p.chunkId)),
            orders: turn.customer?.orders ?? [],
          },
        }
      : {}),
  };
}

/** The action event of a step: a proposal read back or handed over, or the customer's answer to one. */
function actionEvent(step: ActionStep, turn: TurnContext): Envelope {
  const base = { ticketId: turn.ticketId, traceparent: turn.traceparent };
  const channel = turn.ticket.channel;
  switch (step.kind) {
    case 'propose':
      return makeEvent(ActionProposed, {
        ...base,
        payload: { turn: turn.turn, proposal: step.proposal, confirmBy: step.confirmBy, channel },
      });
    case 'authorise':
      return makeEvent(ActionAuthorised, {
        ...base,
        payload: { turn: turn.turn, proposal: step.proposal, by: { kind: 'customer' }, channel },
      });
    case 'decline':
      return makeEvent(ActionDeclined, {
        ...base,
        payload: { turn: turn.turn, actionId: step.proposal.actionId, by: { kind: 'customer' } },
      });
  }
}

/** Codes and ids only: the timeline never holds customer text. */
function detailOf(event: Envelope, outcome: GateOutcome, mode: KillSwitchMode): Record<string, unknown> {
  switch (event.type) {
    case ActionProposed.type:
    case ActionAuthorised.type:
    case ActionDeclined.type:
      return {
        actionId: outcome.action?.proposal.actionId,
        tool: outcome.action?.proposal.tool,
        ...(outcome.action?.kind === 'propose' ? { confirmBy: outcome.action.confirmBy } : {}),
      };
    case TicketDecided.type: {
      // What the gate decided on: the routing it received is the router's row; the band it acted on is here.
      const { band, intent } = event.payload as { band: string; intent: string };
      return {
        decision: outcome.decision,
        mode,
        reasons: outcome.reasons.map((r) => r.code),
        band,
        intent,
        // The answer model's probability, threshold and the signals it read: numbers and names only.
        ...(outcome.answer
          ? {
              probability: outcome.answer.probability,
              threshold: outcome.answer.threshold,
              answerModel: outcome.answer.model,
              signals: outcome.answer.signals,
            }
          : {}),
      };
    }
    case ReplyRequested.type:
      return { source: outcome.reply?.source, replyId: (event.payload as { replyId: string }).replyId };
    default:
      return { kind: outcome.handoff?.kind, priority: outcome.handoff?.priority };
  }
}
