import { localRouting } from '@parley/contracts/testing';
import type { Draft, TicketTurn } from '@parley/contracts';
import { HandoffRequested, makeEvent, ReplyRated, TicketDecided } from '@parley/contracts';

// A small, fixed set of decided turns, ratings and handed-off drafts whose quality report is worked out by hand
// in the tests that use it.

const DECIDED_BASE = {
  mode: 'auto' as const,
  band: 'auto' as const,
  customer: { crmId: null },
  channel: 'email' as const,
};

export function decided(spec: {
  ticketId: string;
  turn?: number;
  day: string;
  intent: string;
  decision: 'auto_sent' | 'suggested' | 'escalated';
  latencyMs: number;
  costUsd: number;
  workspace?: string;
  confirmation?: boolean;
  answer?: NonNullable<ReturnType<typeof TicketDecided.payload.parse>['answer']>;
}) {
  const decidedAt = new Date(`${spec.day}T12:00:00Z`);
  return makeEvent(TicketDecided, {
    ticketId: spec.ticketId,
    occurredAt: decidedAt,
    payload: {
      ...DECIDED_BASE,
      turn: spec.turn ?? 1,
      decision: spec.decision,
      intent: spec.intent,
      reasons: [{ code: spec.confirmation ? 'customer_confirmed' : 'grounded' }],
      workspace: spec.workspace ?? 'default',
      receivedAt: new Date(decidedAt.getTime() - spec.latencyMs).toISOString(),
      costUsd: spec.costUsd,
      ...(spec.answer ? { answer: spec.answer } : {}),
    },
  });
}

export function rated(ticketId: string, rating: 'up' | 'down', revision: number, workspace = 'default') {
  return makeEvent(ReplyRated, {
    ticketId,
    payload: {
      turn: 1,
      replyId: `rpl_${ticketId}_1`,
      workspace,
      channel: 'email',
      rating,
      revision,
      ratedAt: new Date(`2026-12-01T13:0${revision}:00Z`).toISOString(),
    },
  });
}

const turn: TicketTurn = {
  channel: 'email',
  customer: { crmId: null, email: 'ana@example.com' },
  body: 'Please cancel my order.',
  history: [],
  receivedAt: new Date('2026-12-01T11:59:00Z').toISOString(),
};

export const DRAFT: Draft = {
  body: 'Your order is cancelled today.',
  citations: [],
  facts: [],
  groundedness: 1,
  toolCalls: [],
  model: { provider: 'local', name: 'grounded-composer-v1', tier: 'local' },
  usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
};

export function handedOff(ticketId: string, draft: Draft | null, intent: string) {
  return makeEvent(HandoffRequested, {
    ticketId,
    payload: {
      turn: 1,
      kind: draft ? 'suggest' : 'escalate',
      reasons: [{ code: 'band_suggest' }],
      priority: 'normal',
      ticket: turn,
      routing: localRouting({ intent, band: 'suggest' }),
      draft,
      sources: [],
      customer: null,
    },
  });
}
