import type { Registry } from '@parley/telemetry';
import { Counter } from '@parley/telemetry';

/** Business metrics; labels stay low-cardinality (no ids). */
export function createGateMetrics(registry: Registry) {
  return {
    decisions: new Counter({
      name: 'gate_decisions_total',
      help: 'Terminal decisions by outcome and kill-switch mode',
      labelNames: ['decision', 'mode'] as const,
      registers: [registry],
    }),
    alreadyDecided: new Counter({
      name: 'gate_already_decided_total',
      help: 'Events for a turn that already had its decision (nothing emitted)',
      registers: [registry],
    }),
  };
}
export type GateMetrics = ReturnType<typeof createGateMetrics>;
