import type { Registry } from '@parley/telemetry';
import { Counter, Histogram } from '@parley/telemetry';

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
  };
}
export type ResolverMetrics = ReturnType<typeof createResolverMetrics>;
