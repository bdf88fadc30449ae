import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Taxonomy } from '@parley/demo-store';
import { loadTaxonomy } from '@parley/demo-store';
import type { IntentResult } from '../intent/classifier.js';
import { chooseReading } from './request-reading.js';

let taxonomy: Taxonomy;
beforeAll(async () => {
  taxonomy = await loadTaxonomy();
});

const reading = (intent: string, p: number, rest: string, outOfScope = false): IntentResult => ({
  intent,
  confidence: p,
  outOfScope,
  distribution: [
    { intent, p },
    { intent: rest, p: 1 - p },
  ],
});

const story =
  'The strap of my watch broke after a week and I am quite annoyed. I would like to exchange it for the leather one.';
const request = 'I would like to exchange it for the leather one.';

describe('chooseReading', () => {
  it("routes a story on its request sentences when they are surer of a write's handling", () => {
    const whole = reading('complaint', 0.55, 'product_question');
    const asked = reading('exchange_request', 0.9, 'complaint');
    expect(
      chooseReading(taxonomy, {
        whole: { text: story, result: whole },
        request: { text: request, result: asked },
      }),
    ).toBe(asked);
  });

  it('keeps the whole reading when the request sentences are less sure', () => {
    const whole = reading('exchange_request', 0.8, 'modify_order');
    const asked = reading('exchange_request', 0.6, 'product_question');
    expect(
      chooseReading(taxonomy, {
        whole: { text: story, result: whole },
        request: { text: request, result: asked },
      }),
    ).toBe(whole);
  });

  it('never takes a request reading that is no write, or out of scope', () => {
    const whole = reading('complaint', 0.4, 'product_question');
    const question = reading('returns_policy', 0.95, 'product_question');
    const outside = reading('return_request', 0.95, 'complaint', true);
    for (const asked of [question, outside])
      expect(
        chooseReading(taxonomy, {
          whole: { text: story, result: whole },
          request: { text: request, result: asked },
        }),
      ).toBe(whole);
  });

  it('keeps the whole reading when there are no request sentences to read', () => {
    const whole = reading('order_status', 0.7, 'shipping_info');
    expect(chooseReading(taxonomy, { whole: { text: 'Where is my order?', result: whole } })).toBe(whole);
  });
});
