import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Taxonomy } from '@parley/demo-store';
import { loadTaxonomy } from '@parley/demo-store';
import type { IntentResult } from '../intent/classifier.js';
import {
  chooseReading,
  FOCUS_READING_CONFIDENCE,
  FOCUS_READING_LEAD,
  QUESTION_READING_CONFIDENCE,
} from './request-reading.js';

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

  const gift =
    'My aunt sent me a fleece jacket for my birthday but it is much too big. She is not good with computers. ' +
    'Can I exchange a gift?';
  const question = 'Can I exchange a gift?';

  /** The gift story read whole as `whole` and its question sentence as `asked`, calm unless told. */
  const byQuestion = (whole: IntentResult, asked: IntentResult, calm: boolean | 'unjudged' = true) =>
    chooseReading(taxonomy, {
      whole: { text: gift, result: whole },
      question: { text: question, result: asked },
      ...(calm === 'unjudged' ? {} : { calm }),
    });

  it('routes a calm story read as a complaint on its question sentences when they are sure of another intent', () => {
    const whole = reading('complaint', 0.8, 'returns_policy');
    const asked = reading('returns_policy', 0.7, 'complaint');
    expect(byQuestion(whole, asked)).toBe(asked);
    // Displeasure keeps the complaint, and so does a message whose calm was not judged.
    expect(byQuestion(whole, asked, false)).toBe(whole);
    expect(byQuestion(whole, asked, 'unjudged')).toBe(whole);
  });

  it('keeps the complaint when the question sentences are unsure, out of scope or a complaint too', () => {
    const whole = reading('complaint', 0.8, 'returns_policy');
    const unsure = reading('returns_policy', QUESTION_READING_CONFIDENCE - 0.01, 'complaint');
    const outside = reading('out_of_scope', 0.9, 'complaint', true);
    const complaint = reading('complaint', 0.9, 'returns_policy');
    for (const asked of [unsure, outside, complaint]) expect(byQuestion(whole, asked)).toBe(whole);
  });

  it('reads the question sentences only when the whole message reads as a complaint', () => {
    const whole = reading('shipping_info', 0.6, 'returns_policy');
    expect(byQuestion(whole, reading('returns_policy', 0.9, 'shipping_info'))).toBe(whole);
  });

  describe('corroborated by the sentences the message turns on', () => {
    const text = 'I am on the train, sorry if this is short. If I cancel, how fast does the refund reach me?';
    const focusText = 'If I cancel, how fast does the refund reach me?';
    const byFocus = (whole: IntentResult, focus: IntentResult, calm = true) =>
      chooseReading(taxonomy, {
        whole: { text, result: whole },
        focus: { text: focusText, result: focus },
        calm,
      });

    it('takes the surer reading of the same intent in scope', () => {
      const whole = reading('refund_status', 0.39, 'out_of_scope');
      const focus = reading('refund_status', 0.87, 'cancel_order');
      expect(byFocus(whole, focus)).toBe(focus);
      // Less sure alone: the whole message's reading stands.
      expect(byFocus(focus, whole)).toBe(focus);
    });

    it('takes a plain reading of the sentences alone over an unsure whole that reads another intent', () => {
      const whole = reading('refund_status', 0.39, 'out_of_scope');
      const plain = reading('cancel_order', FOCUS_READING_CONFIDENCE, 'refund_status');
      expect(byFocus(whole, plain)).toBe(plain);
      // Not plain enough alone, or not clearly surer than the whole: the whole message's reading stands.
      expect(byFocus(whole, reading('cancel_order', FOCUS_READING_CONFIDENCE - 0.05, 'refund_status'))).toBe(
        whole,
      );
      const fairlySure = reading('refund_status', FOCUS_READING_CONFIDENCE - FOCUS_READING_LEAD + 0.05, 'x');
      expect(byFocus(fairlySure, plain)).toBe(fairlySure);
      // Displeasure voiced: the whole message's reading, however plain the sentences alone.
      expect(byFocus(whole, plain, false)).toBe(whole);
    });

    it('keeps the whole reading when the two disagree unsurely or either is out of scope', () => {
      const whole = reading('refund_status', 0.39, 'out_of_scope');
      expect(byFocus(whole, reading('cancel_order', 0.8, 'refund_status'))).toBe(whole);
      expect(byFocus(whole, reading('refund_status', 0.95, 'cancel_order', true))).toBe(whole);
      const outside = reading('out_of_scope', 0.3, 'returns_policy', true);
      expect(byFocus(outside, reading('out_of_scope', 0.9, 'returns_policy', true))).toBe(outside);
    });

    it('keeps the whole reading of a message that voices displeasure', () => {
      const whole = reading('refund_status', 0.39, 'complaint');
      expect(byFocus(whole, reading('refund_status', 0.87, 'cancel_order'), false)).toBe(whole);
    });

    it('leaves a request reading that was taken as it is', () => {
      const whole = reading('complaint', 0.55, 'product_question');
      const asked = reading('exchange_request', 0.9, 'complaint');
      const focus = reading('exchange_request', 0.99, 'complaint');
      expect(
        chooseReading(taxonomy, {
          whole: { text: story, result: whole },
          request: { text: request, result: asked },
          focus: { text: request, result: focus },
        }),
      ).toBe(asked);
    });
  });
});
