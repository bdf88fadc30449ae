import type { Registry } from '@parley/telemetry';
import { Counter } from '@parley/telemetry';

/** Business metrics; labels stay low-cardinality (no ids). */
export function createHandoffMetrics(registry: Registry) {
  return {
    deliveryFailures: new Counter({
      name: 'handoff_delivery_failures_total',
      help: 'Replies the customer never got (dead-lettered deliveries), by source; alert on any increase',
      labelNames: ['source'] as const,
      registers: [registry],
    }),
  };
}
export type HandoffMetrics = ReturnType<typeof createHandoffMetrics>;
