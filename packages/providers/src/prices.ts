import type { Usage } from './types.js';

/** USD per million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
}

/** Keyed `<provider>:<model>`. */
export type PriceTable = Readonly<Record<string, ModelPrice>>;

/**
 * List prices per million tokens for the hosted models we expect teams to pick. Self-hosted
 * (openai-compatible) models have no entry on purpose: their cost is the team's hardware, reported as
 * unpriced. Update this table when a provider changes its prices; callers may also pass their own.
 */
export const DEFAULT_PRICES: PriceTable = {
  'anthropic:claude-opus-4-1': { input: 15, output: 75 },
  'anthropic:claude-opus-4-5': { input: 5, output: 25 },
  'anthropic:claude-sonnet-4-5': { input: 3, output: 15 },
  'anthropic:claude-sonnet-4-0': { input: 3, output: 15 },
  'anthropic:claude-haiku-4-5': { input: 1, output: 5 },
  'anthropic:claude-3-5-haiku': { input: 0.8, output: 4 },
  'openai:gpt-4o': { input: 2.5, output: 10 },
  'openai:gpt-4o-mini': { input: 0.15, output: 0.6 },
  'openai:gpt-4.1': { input: 2, output: 8 },
  'openai:gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'openai:gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'openai:gpt-5': { input: 1.25, output: 10 },
  'openai:gpt-5-mini': { input: 0.25, output: 2 },
  'openai:gpt-5-nano': { input: 0.05, output: 0.4 },
};

/** Providers answer with dated snapshots (`gpt-4o-2024-08-06`, `claude-sonnet-4-5-20250929`); price them as the base model. */
const SNAPSHOT_SUFFIX = /-(\d{8}|\d{4}-\d{2}-\d{2})$/;

export function findPrice(table: PriceTable, provider: string, model: string): ModelPrice | undefined {
  return table[`${provider}:${model}`] ?? table[`${provider}:${model.replace(SNAPSHOT_SUFFIX, '')}`];
}

/** Tries each candidate model name in turn (the name the provider answered with first, then the one we asked for). */
export function priceUsage(
  table: PriceTable,
  provider: string,
  models: string[],
  inputTokens: number,
  outputTokens: number,
): Usage {
  const price = models.map((m) => findPrice(table, provider, m)).find((p) => p !== undefined);
  if (!price) return { inputTokens, outputTokens, costUsd: 0, priced: false };
  const costUsd = (inputTokens * price.input + outputTokens * price.output) / 1_000_000;
  return { inputTokens, outputTokens, costUsd, priced: true };
}
