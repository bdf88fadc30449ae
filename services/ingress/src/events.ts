import type { Registry } from '@parley/telemetry';
import { Counter, Gauge } from '@parley/telemetry';

/** Business metrics of the edge; labels stay low-cardinality (channel, outcome, reason). */
export function createIngressMetrics(registry: Registry) {
  return {
    tickets: new Counter({
      name: 'ingress_tickets_total',
      help: 'Tickets offered on POST /v1/tickets, by outcome (created or duplicate externalId)',
      labelNames: ['channel', 'outcome'] as const,
      registers: [registry],
    }),
    turns: new Counter({
      name: 'ingress_follow_up_turns_total',
      help: 'Follow-up customer turns added to existing tickets, by who owned the ticket',
      labelNames: ['owner'] as const,
      registers: [registry],
    }),
    rejected: new Counter({
      name: 'ingress_requests_rejected_total',
      help: 'API requests answered with an error, by reason',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    refused: new Counter({
      name: 'ingress_requests_refused_total',
      help: 'Requests refused with 429 for want of room, by the bound that was full (server, client, route, address)',
      labelNames: ['bound'] as const,
      registers: [registry],
    }),
    delivered: new Counter({
      name: 'ingress_replies_total',
      help: 'reply.requested handled, by outcome (delivered or already_delivered)',
      labelNames: ['channel', 'outcome'] as const,
      registers: [registry],
    }),
    failed: new Counter({
      name: 'ingress_replies_failed_total',
      help: 'Replies given up on (dead-lettered): the customer did not get them; alert on any increase',
      labelNames: ['channel', 'source'] as const,
      registers: [registry],
    }),
    chatWaiting: new Gauge({
      name: 'ingress_chat_waiting_requests',
      help: 'Chat transcript requests held open waiting for a reply (bounded by INGRESS_CHAT_MAX_WAITING)',
      registers: [registry],
    }),
  };
}
export type IngressMetrics = ReturnType<typeof createIngressMetrics>;
