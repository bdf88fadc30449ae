import type { Routing } from '@parley/contracts';
import type { Registry } from '@parley/telemetry';
import { Counter } from '@parley/telemetry';
import type { LlmCall } from './intent/classifier.js';

/** Business metrics of the router; labels stay low-cardinality (band, router, intent, rule, outcome). */
export function createRouterMetrics(registry: Registry) {
  return {
    turns: new Counter({
      name: 'router_turns_total',
      help: 'Turns routed, by band, router and intent',
      labelNames: ['band', 'router', 'intent'] as const,
      registers: [registry],
    }),
    rules: new Counter({
      name: 'router_rule_hits_total',
      help: 'Hard-rule hits by rule id',
      labelNames: ['rule'] as const,
      registers: [registry],
    }),
    llmCalls: new Counter({
      name: 'router_llm_calls_total',
      help: 'Routing-model calls by outcome (ok, or why the local model answered instead)',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
  };
}
export type RouterMetrics = ReturnType<typeof createRouterMetrics>;

/** Counts one routed turn and the hard rules that fired on it. */
export function observeRouting(metrics: RouterMetrics, routing: Routing): void {
  metrics.turns.inc({ band: routing.band, router: routing.router, intent: routing.intent });
  for (const r of routing.rules) metrics.rules.inc({ rule: r.id });
}

/** Counts one routing-model call: `ok`, or the fallback kind when the local model answered instead. */
export function observeLlmCall(metrics: RouterMetrics, outcome: LlmCall['outcome']): void {
  metrics.llmCalls.inc({ outcome });
}
