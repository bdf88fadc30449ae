import type { Registry } from '@parley/telemetry';
import { Counter } from '@parley/telemetry';

/** Business metrics; labels stay low-cardinality (tool, status, rule). */
export function createActionsMetrics(registry: Registry) {
  return {
    settled: new Counter({
      name: 'actions_settled_total',
      help: 'Authorised actions by tool and outcome (executed, refused by the store policy, failed)',
      labelNames: ['tool', 'status'] as const,
      registers: [registry],
    }),
    refused: new Counter({
      name: 'actions_refused_total',
      help: 'Authorised actions the store policy refused, by rule',
      labelNames: ['rule'] as const,
      registers: [registry],
    }),
  };
}
export type ActionsMetrics = ReturnType<typeof createActionsMetrics>;
