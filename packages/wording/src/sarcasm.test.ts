import { describe, expect, it } from '@jest/globals';
import { canonicalText } from './order-question.js';
import { voicesDispleasureIndirectly } from './sarcasm.js';

const indirect = (text: string) =>
  voicesDispleasureIndirectly(canonicalText(text), text.split(/[.!?\n]+/).map(canonicalText));

describe('voicesDispleasureIndirectly', () => {
  it.each([
    'One light bulb. #W2768383. Shipped ages ago. Still not here. Fantastic.',
    'Still no tracking after a week. Just brilliant!',
    'Nothing has moved since Monday. Great job.',
    'Is it coming by carrier pigeon? Order #W1234567',
    'Still pending after 4 days. Is someone making it by hand?',
    'No shipping confirmation, nothing at all. I would have liked to know it was on its way.',
    'You should have told me the item was out of stock before charging me.',
    'Not a single email about my refund.',
    'This refund is taking forever, where is it?',
    'Thanks for nothing.',
    'Cancelled the mixer ages ago and the money is still not back.',
  ])('%j says it the other way round', (text) => {
    expect(indirect(text)).toBe(true);
  });

  it.each([
    'Order #W1234567 arrived today. Great!',
    'Great, thanks! Where is my order #W1234567?',
    'Has my order shipped yet? Thanks, perfect.',
    'Perfect. Can you tell me when #W1234567 arrives?',
    "My lamp hasn't shipped yet. Could you check? Great, thanks",
    'I ordered a hand-made mug, is it made by hand?',
    'when will my order arrive',
    'Still waiting on my order #W1234567, any update?',
    "It's Monday and the tracking still shows the same scan from Thursday. Nothing at all over the weekend.",
    'The store says my refund was issued but my banking app shows nothing at all. Has it gone missing?',
  ])('%j is calm', (text) => {
    expect(indirect(text)).toBe(false);
  });
});
