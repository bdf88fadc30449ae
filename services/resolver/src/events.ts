import type { Registry } from '@parley/telemetry';
import { Counter, Histogram } from '@parley/telemetry';
import type { ModelCall } from './compose/composer.js';

/** Business metrics of the resolver; labels stay low-cardinality (composer, provider, tier, tool, outcome). */
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
    toolCalls: new Counter({
      name: 'resolver_tool_calls_total',
      help: 'Tool calls hosted models made, by tool (unknown for names not offered) and status',
      labelNames: ['tool', 'status'] as const,
      registers: [registry],
    }),
    toolRoundCap: new Counter({
      name: 'resolver_tool_round_cap_total',
      help: 'Turns a hosted model kept calling tools past RESOLVER_MAX_TOOL_ROUNDS; each went to a person',
      labelNames: ['provider', 'tier'] as const,
      registers: [registry],
    }),
  };
}
export type ResolverMetrics = ReturnType<typeof createResolverMetrics>;

/** Counts one hosted-model turn: outcome, the round cap, tool calls, tokens and cost; low-cardinality labels only. */
export function observeModelCall(metrics: ResolverMetrics, call: ModelCall): void {
  const { provider, tier } = call;
  metrics.modelCalls.inc({ provider, tier, outcome: call.outcome });
  if (call.outcome === 'tool_round_cap') metrics.toolRoundCap.inc({ provider, tier });
  for (const r of call.rounds ?? []) {
    for (const t of r.tools ?? []) metrics.toolCalls.inc({ tool: t.tool, status: t.status });
  }
  if (!call.usage) return;
  metrics.modelTokens.inc({ provider, tier, direction: 'input' }, call.usage.inputTokens);
  metrics.modelTokens.inc({ provider, tier, direction: 'output' }, call.usage.outputTokens);
  metrics.modelCost.inc({ provider, tier }, call.usage.costUsd);
}
