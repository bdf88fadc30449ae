import { z } from 'zod';
import {
  Draft,
  Id,
  Passage,
  ReasonCode,
  Routing,
  TicketTurn,
  Timestamp,
  Turn,
  CustomerContext,
  WorkspaceId,
} from './common.js';
import { defineEvent } from './envelope.js';

/** A turn that needs a human: a suggestion to approve or an escalation to handle. */
export const HandoffRequested = defineEvent({
  type: 'handoff.requested',
  version: 1,
  payload: z.object({
    turn: Turn,
    kind: z.enum(['suggest', 'escalate']),
    reasons: z.array(ReasonCode).min(1).max(20),
    priority: z.enum(['low', 'normal', 'high', 'urgent']),
    ticket: TicketTurn,
    routing: Routing,
    draft: Draft.nullable(),
    sources: z.array(Passage).max(50),
    customer: CustomerContext.nullable(),
  }),
  key: (_t, p) => `turn-${p.turn}`,
});

export const SlaBreached = defineEvent({
  type: 'handoff.sla_breached',
  version: 1,
  payload: z.object({
    turn: Turn,
    inboxItemId: Id,
    policy: z.enum(['first_response', 'resolution']),
    dueAt: Timestamp,
    breachedAt: Timestamp,
  }),
  key: (_t, p) => `${p.inboxItemId}:${p.policy}`,
});

/**
 * Who answers the ticket now: an agent took it over in the inbox (`agent`) or handed it back (`bot`). Only
 * handoff produces it; the gate (never auto-send on an agent's ticket) and ingress (the chat widget's "a person
 * joined") keep their own view of it. Changes of one ticket are numbered: a consumer keeps the highest `seq` it
 * has seen, so a redelivered or late change never undoes a newer one.
 */
export const TicketOwnerChanged = defineEvent({
  type: 'ticket.owner_changed',
  version: 1,
  payload: z.object({
    /** The ticket's latest turn when the owner changed (the turn the agent saw). */
    turn: Turn,
    owner: z.enum(['bot', 'agent']),
    /** Per ticket, 1 for the first change, one more for each next one. */
    seq: z.number().int().min(1).max(1_000_000),
    workspace: WorkspaceId,
    /** The agent who took the ticket over or handed it back, when known. */
    agentId: Id.optional(),
    /** The inbox item the take-over was made from. */
    inboxItemId: Id.optional(),
  }),
  key: (_t, p) => `${p.seq}`,
});
