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

  const TIMES = passage(
    'refund-timing#times',
    'refund-timing',
    'Refund times by payment method',
    'Refunded to | When it arrives\nGift card | Immediately\nCredit card (Visa, Mastercard) | 5-7 business days\nPayPal | 5-7 business days',
    0.5,
  );
  const STATUSES = passage(
    'order-statuses#statuses',
    'order-statuses',
    'Order statuses',
    'Status | What it means\nProcessed | Packed and handed to the carrier; tracking is available.',
    0.5,
  );

  it('quotes a bare table value with its row ("Gift card: Immediately"), a sentence cell without it', () => {
    const times = [
      ...relevantQuotes('how fast is a refund to my gift card', [TIMES], { max: 1 }),
      ...relevantQuotes('refund to paypal, how long?', [TIMES], { max: 1 }),
    ];
    expect(times.map((q) => q.text)).toEqual(['Gift card: Immediately', 'PayPal: 5-7 business days']);
    for (const q of times) expect(checkGrounding(q.text, [TIMES], [], []).groundedness).toBe(1);
    const status = relevantQuotes('what does processed mean, is tracking available', [STATUSES], { max: 1 });
    expect(status.map((q) => q.text)).toEqual(['Packed and handed to the carrier; tracking is available.']);
  });
});
