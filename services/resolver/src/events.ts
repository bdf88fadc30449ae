import type { Registry } from '@parley/telemetry';
import { Counter, Histogram } from '@parley/telemetry';
import type { ModelCall } from './compose/composer.js';

export function createResolverMetrics(registry: Registry) {
  return {
    drafts: new Counter({
      name: 'resolver_drafts_total',
      help: 'Turns resolved, by composer and whether a draft was written',
      labelNames: ['composer', 'outcome'] as const,
      registers: [registry],
    }),
    groundedness: new Histogram({
      name: 'resolver_draft_groundedness',
      help: 'Share of draft sentences backed by a source',
      labelNames: ['composer'] as const,
      buckets: [0.2, 0.4, 0.6, 0.8, 0.9, 1],
      registers: [registry],
    }),
    modelCalls: new Counter({
      name: 'resolver_model_calls_total',
      help: 'Hosted-model calls by provider, tier and outcome (ok, or why the local draft was used instead)',
      labelNames: ['provider', 'tier', 'outcome'] as const,
      registers: [registry],
    }),
    modelTokens: new Counter({
      name: 'resolver_model_tokens_total',
      help: 'Tokens spent on hosted-model calls, replies not used included',
      labelNames: ['provider', 'tier', 'direction'] as const,
      registers: [registry],
    }),
    modelCost: new Counter({
      name: 'resolver_model_cost_usd_total',
      help: 'List-price cost of hosted-model calls in USD (unpriced models count 0)',
      labelNames: ['provider', 'tier'] as const,
      registers: [registry],
    }),
  };
}
export type ResolverMetrics = ReturnType<typeof createResolverMetrics>;

/** Counts one hosted-model call: outcome, tokens and cost, with low-cardinality labels only. */
export function observeModelCall(metrics: ResolverMetrics, call: ModelCall): void {
  const { provider, tier } = call;
  metrics.modelCalls.inc({ provider, tier, outcome: call.outcome });
  if (!call.usage) return;
  metrics.modelTokens.inc({ provider, tier, direction: 'input' }, call.usage.inputTokens);
  metrics.modelTokens.inc({ provider, tier, direction: 'output' }, call.usage.outputTokens);
  metrics.modelCost.inc({ provider, tier }, call.usage.costUsd);
}
