import { describe, expect, it } from '@jest/globals';
import { checkGrounding } from '../grounding.js';
import { relevantQuotes } from './select.js';
import { passage } from './testing.js';

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
