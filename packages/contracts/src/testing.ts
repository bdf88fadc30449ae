import type { PendingAction, Routing, TicketTurn } from './common.js';

/** A customer's API turn with no CRM match, as tests publish it; `extra` overrides any field. */
export function anonymousTurn(body: string, extra: Partial<TicketTurn> = {}): TicketTurn {
  return {
    channel: 'api',
    customer: { crmId: null },
    body,
    history: [],
    receivedAt: new Date().toISOString(),
    ...extra,
  };
}

/** The local router's confident, calm reading of a turn, as tests publish it; `extra` overrides any field. */
export function localRouting(extra: Partial<Routing> = {}): Routing {
  return {
    intent: 'order_status',
    confidence: 0.9,
    band: 'auto',
    tier: 'local',
    outOfScope: false,
    sentiment: { score: 0, label: 'neutral' },
    allowedTools: [],
    rules: [],
    router: 'local-model',
    ...extra,
  };
}

/** A cancellation of `orderId` read back and waiting for the customer's yes, as a ticket turn carries it. */
export function pendingCancel(orderId: string, customerId = 'yara_li_6570'): PendingAction {
  return {
    proposal: {
      actionId: 'act_tk_x_1',
      tool: 'cancel_pending_order',
      input: { order_id: orderId, reason: 'no longer needed' },
      summary: `Cancel order ${orderId}`,
      customerId,
    },
    confirmBy: 'customer',
  };
}
