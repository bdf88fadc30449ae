import type { TicketTurn } from './common.js';

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
