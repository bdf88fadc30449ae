import type { Routing } from '@parley/contracts';
import type { Registry } from '@parley/telemetry';
import { Counter } from '@parley/telemetry';
import type { LlmCall } from './intent/classifier.js';

export interface RouterEvents {
  routed(routing: Routing): void;
  /** One routing-model call: `ok`, or the fallback kind when the local model answered instead. */
  llmCall(outcome: LlmCall['outcome']): void;
}

/** Business metrics of the router, with low-cardinality labels only. */
export function routerEvents(registry: Registry): RouterEvents {
  const turns = new Counter({
    name: 'router_turns_total',
    help: 'Turns routed, by band, router and intent',
    labelNames: ['band', 'router', 'intent'],
    registers: [registry],
  });
  const rules = new Counter({
    name: 'router_rule_hits_total',
    help: 'Hard-rule hits by rule id',
    labelNames: ['rule'],
    registers: [registry],
  });
  const llmCalls = new Counter({
    name: 'router_llm_calls_total',
    help: 'Routing-model calls by outcome (ok, or why the local model answered instead)',
    labelNames: ['outcome'],
    registers: [registry],
  });
  return {
    llmCall(outcome) {
      llmCalls.inc({ outcome });
    },
    routed(routing) {
      turns.inc({ band: routing.band, router: routing.router, intent: routing.intent });
      for (const r of routing.rules) rules.inc({ rule: r.id });
    },
  };
}
