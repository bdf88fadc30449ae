import { describe, expect, it } from '@jest/globals';
import { DEFAULT_PRICES, findPrice, priceUsage } from './prices.js';

describe('priceUsage', () => {
  it('prices per million input and output tokens', () => {
    const usage = priceUsage({ 'openai:m': { input: 2, output: 8 } }, 'openai', ['m'], 1_500_000, 250_000);
    expect(usage).toEqual({ inputTokens: 1_500_000, outputTokens: 250_000, costUsd: 3 + 2, priced: true });
  });

  it('prices dated snapshots as their base model and falls back to the requested model', () => {
    expect(findPrice(DEFAULT_PRICES, 'openai', 'gpt-4o-2024-08-06')).toEqual(DEFAULT_PRICES['openai:gpt-4o']);
    expect(findPrice(DEFAULT_PRICES, 'anthropic', 'claude-haiku-4-5-20251001')).toEqual(
      DEFAULT_PRICES['anthropic:claude-haiku-4-5'],
    );
    expect(priceUsage(DEFAULT_PRICES, 'openai', ['served-alias', 'gpt-4o'], 1_000_000, 0).costUsd).toBe(2.5);
  });

  it('reports unknown models and unknown providers as unpriced with zero cost', () => {
    expect(priceUsage(DEFAULT_PRICES, 'openai', ['nobody-knows'], 10, 10)).toEqual({
      inputTokens: 10,
      outputTokens: 10,
      costUsd: 0,
      priced: false,
    });
    expect(priceUsage(DEFAULT_PRICES, 'openai-compatible', ['gpt-4o'], 10, 10).priced).toBe(false);
  });
});
