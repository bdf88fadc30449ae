import { describe, expect, it } from '@jest/globals';
import { checkGrounding } from '../grounding.js';
import { answerQuotes, relevantQuotes } from './select.js';
import { passage } from './testing.js';

const SPLIT = passage(
  'split#why',
  'split-shipments',
  'Why an order arrives in several boxes',
  'Items ship from different warehouses, so one order can arrive in separate boxes on different days.',
  0.33,
);
const RETURN_BOXES = passage(
  'return#pack',
  'start-a-return',
  'Packing your return',
  'Put the items back in their boxes, and send separate boxes with a separate label each.',
  0.35,
);

describe('answerQuotes', () => {
  it("quotes retrieval's leading article when it answers the question, even if another shares more words", () => {
    const quotes = answerQuotes('why did my stuff come in separate boxes', [SPLIT, RETURN_BOXES]);
    expect(quotes.map((q) => q.passage.articleId)).toEqual(['split-shipments']);
  });

  it('falls back to the next article when no section of the leading one matches the question', () => {
    const offTopic = passage(
      'gift#use',
      'gift-cards',
      'Using a gift card',
      'Enter the code at checkout.',
      0.4,
    );
    const quotes = answerQuotes('why did my stuff come in separate boxes', [offTopic, SPLIT]);
    expect(quotes.map((q) => q.passage.articleId)).toEqual(['split-shipments']);
  });
});

describe('relevantQuotes', () => {
  const STATES = passage(
    'tracking#states',
    'tracking-your-package',
    'What the tracking states mean',
    '- Label created : the carrier has the details but has not scanned the box yet.\n- Out for delivery : expected today.\n- Delivered : the carrier recorded the delivery.',
    0.5,
  );

  it('keeps the label of a "label: text" list item, which the text alone does not say, and stays grounded', () => {
    const quotes = relevantQuotes('is my parcel out for delivery today', [STATES], { max: 1 });
    expect(quotes.map((q) => q.text)).toEqual(['Out for delivery: expected today.']);
    expect(checkGrounding(quotes[0]!.text, [STATES], [], []).groundedness).toBe(1);
  });
});
