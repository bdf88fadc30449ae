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
