// The ticket flow: one event per stage per turn. Each stage forwards what later stages need
// (event-carried state), so no consumer reads another service's tables.
import { z } from 'zod';
import {
  ActionProposal,
  Channel,
  Citation,
  ConfirmBy,
  Customer,
  Fact,
  Id,
  MAX_BODY_CHARS,
  OrderFacts,
  Passage,
  Timestamp,
  WorkspaceId,
  Decision,
  Draft,
  KillSwitchMode,
  ReasonCode,
  Retrieval,
  Routing,
  TicketTurn,
  Turn,
  Band,
} from './common.js';
import { defineEvent } from './envelope.js';

const byTurn = (_ticketId: string | null, p: { turn: number }) => `turn-${p.turn}`;

export const TicketReceived = defineEvent({
  type: 'ticket.received',
  version: 1,
  payload: z.object({
    turn: Turn,
    ticket: TicketTurn,
    externalId: z.string().max(200).optional(),
  }),
  key: byTurn,
});

export const TicketRouted = defineEvent({
  type: 'ticket.routed',
  version: 1,
  payload: z.object({ turn: Turn, ticket: TicketTurn, routing: Routing }),
  key: byTurn,
});

/** A hard rule fired: straight to the gate, no retrieval and no model call. */
export const TicketEscalated = defineEvent({
  type: 'ticket.escalated',
  version: 1,
  payload: z.object({ turn: Turn, ticket: TicketTurn, routing: Routing }),
  key: byTurn,
});

/**
 * The customer answered a proposal read back to them ("yes" or "no"): straight to the gate, which authorises or
 * declines it; no retrieval and no draft.
 */
export const TicketConfirmation = defineEvent({
  type: 'ticket.confirmation',
  version: 1,
  payload: z.object({
    turn: Turn,
    ticket: TicketTurn,
    routing: Routing,
    answer: z.enum(['yes', 'no']),
    proposal: ActionProposal,
    confirmBy: ConfirmBy,
  }),
  key: byTurn,
});

export const TicketRetrieved = defineEvent({
  type: 'ticket.retrieved',
  version: 1,
  payload: z.object({ turn: Turn, ticket: TicketTurn, routing: Routing, retrieval: Retrieval }),
  key: byTurn,
});

export const TicketResolved = defineEvent({
  type: 'ticket.resolved',
  version: 1,
  payload: z.object({
    turn: Turn,
    ticket: TicketTurn,
    routing: Routing,
    retrieval: Retrieval,
    /** Null when the resolver chose not to draft (nothing grounded to say); the reason says why. */
    draft: Draft.nullable(),
    noDraftReason: z.string().max(500).optional(),
  }),
  key: byTurn,
});

/**
 * An automatic reply as sent, with what it rested on: the passages it cites and the customer's orders. The quality
 * report's judge grades it (is what it quotes in the cited articles, do its facts match the records).
 */
export const DecidedAnswer = z.object({
  replyId: Id,
  /** The customer's message the reply answers. */
  question: z.string().min(1).max(MAX_BODY_CHARS),
  body: z.string().min(1).max(MAX_BODY_CHARS),
  citations: z.array(Citation).max(50),
  facts: z.array(Fact).max(200),
  /** The retrieved passages the reply cites. */
  sources: z.array(Passage).max(50),
  orders: z.array(OrderFacts).max(100),
});
export type DecidedAnswer = z.infer<typeof DecidedAnswer>;

/** The terminal decision for one turn: exactly one per (ticket, turn). */
export const TicketDecided = defineEvent({
  type: 'ticket.decided',
  version: 1,
  payload: z.object({
    turn: Turn,
    decision: Decision,
    mode: KillSwitchMode,
    intent: z.string().max(100),
    band: Band,
    reasons: z.array(ReasonCode).max(20),
    customer: Customer,
    // What the quality report counts per turn, so its read model needs no other service's rows. Optional: added
    // after v1; absent in events from before.
    workspace: WorkspaceId.optional(),
    channel: Channel.optional(),
    /** When the turn reached ingress: the report's latency is from here to this decision. */
    receivedAt: Timestamp.optional(),
    /** What the turn's draft cost in model usage (0 without a draft or a priced model). */
    costUsd: z.number().min(0).optional(),
    /** On an auto-sent turn with a draft: the reply and what it rested on, for the daily judge. */
    answer: DecidedAnswer.optional(),
  }),
  key: byTurn,
});
