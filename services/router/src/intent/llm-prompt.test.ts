import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Taxonomy } from '@parley/demo-store';
import { loadTaxonomy } from '@parley/demo-store';
import { routingAnswerSchema, routingRequest, routingSystemPrompt } from './llm-prompt.js';

let taxonomy: Taxonomy;
beforeAll(async () => {
  taxonomy = await loadTaxonomy();
});

describe('routingAnswerSchema', () => {
  const valid = { intent: 'order_status', confidence: 0.9, band: 'auto', tier: 'local' };

  it('accepts an answer naming a taxonomy intent', () => {
    expect(routingAnswerSchema(taxonomy).parse(valid)).toEqual(valid);
    expect(routingAnswerSchema(taxonomy).safeParse({ ...valid, intent: 'out_of_scope' }).success).toBe(true);
  });

  it('rejects an intent the taxonomy does not list, a confidence outside 0..1 and unknown bands', () => {
    const schema = routingAnswerSchema(taxonomy);
    for (const bad of [
      { ...valid, intent: 'weather' },
      { ...valid, confidence: 1.2 },
      { ...valid, confidence: '0.9' },
      { ...valid, band: 'never' },
      { ...valid, tier: 'premium' },
      { intent: 'order_status', confidence: 0.9 },
      { ...valid, reasoning: 'extra fields are not expected' },
    ]) {
      expect(schema.safeParse(bad).success).toBe(false);
    }
  });

  it('follows the taxonomy it is built from', () => {
    const { payment, ...rest } = taxonomy.intents;
    const smaller = { ...taxonomy, intents: rest } as unknown as Taxonomy;
    expect(payment).toBeDefined();
    expect(routingAnswerSchema(smaller).safeParse({ ...valid, intent: 'payment' }).success).toBe(false);
  });
});

describe('routing prompt', () => {
  it('lists every intent with its description, and the bands and tiers to choose from', () => {
    const system = routingSystemPrompt(taxonomy);
    for (const [intent, spec] of Object.entries(taxonomy.intents)) {
      expect(system).toContain(`- ${intent}: ${spec.description}`);
    }
    expect(system).toMatch(/"auto".*"suggest".*"escalate"/s);
    expect(system).toMatch(/JSON object and nothing else/);
  });

  it("puts the customer's words in one user message, deterministic and bounded", () => {
    const signal = new AbortController().signal;
    const req = routingRequest('SYSTEM', 'Where is my order?', { timeoutMs: 1234, signal });
    expect(req).toEqual({
      system: 'SYSTEM',
      messages: [{ role: 'user', content: 'Customer message:\n<message>\nWhere is my order?\n</message>' }],
      maxTokens: 200,
      temperature: 0,
      timeoutMs: 1234,
      signal,
    });
  });
});
