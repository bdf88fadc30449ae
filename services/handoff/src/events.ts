import type { Registry } from '@parley/telemetry';
import { Counter, Gauge } from '@parley/telemetry';

/** Business metrics; labels stay low-cardinality (no ids). */
export function createHandoffMetrics(registry: Registry) {
  return {
    deliveryFailures: new Counter({
      name: 'handoff_delivery_failures_total',
      help: 'Replies the customer never got (dead-lettered deliveries), by source; alert on any increase',
      labelNames: ['source'] as const,
      registers: [registry],
    }),
    slaBreaches: new Counter({
      name: 'handoff_sla_breaches_total',
      help: 'Inbox items past an SLA, once per item and policy (first_response, resolution)',
      labelNames: ['policy'] as const,
      registers: [registry],
    }),
    slaWebhookFailures: new Counter({
      name: 'handoff_sla_webhook_failures_total',
      help: 'SLA breaches the webhook never accepted (given up after the bounded retries)',
      registers: [registry],
    }),
    agentActions: new Counter({
      name: 'handoff_agent_actions_total',
      help: 'What agents did in the inbox (approve, take_over, hand_back, assign, resolve, action_approved, action_rejected)',
      labelNames: ['action'] as const,
      registers: [registry],
    }),
    liveStreams: new Gauge({
      name: 'handoff_live_streams',
      help: 'Workspace browsers connected for live updates',
      registers: [registry],
    }),
    deskMirrored: new Counter({
      name: 'handoff_desk_mirrored_total',
      help: 'Inbox items mirrored to the external desk, by desk',
      labelNames: ['desk'] as const,
      registers: [registry],
    }),
    deskReplies: new Counter({
      name: 'handoff_desk_replies_total',
      help: 'Public replies written in the external desk and sent to the customer, by desk',
      labelNames: ['desk'] as const,
      registers: [registry],
    }),
  };
}
export type HandoffMetrics = ReturnType<typeof createHandoffMetrics>;
