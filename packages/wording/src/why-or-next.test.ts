import { describe, expect, it } from '@jest/globals';
import { asksWhyOrWhatNext } from './why-or-next.js';

describe('asksWhyOrWhatNext', () => {
  it.each([
    'Why was the refund for #W1234567 smaller than the order?',
    'how come it took three weeks to refund me',
    'My refund went to a card I cancelled. What happens now?',
    'the money went to my old paypal, what should I do?',
    'How do I get the refund if the card was replaced?',
    "What's next? The refund isn't on my card",
  ])('%j asks why, or what next', (text) => {
    expect(asksWhyOrWhatNext(text)).toBe(true);
  });

  it.each([
    'where is my refund for #W1234567?',
    'what happened to my refund',
    'How do I know if the refund for #W1234567 went through?',
    'has the money been put back on my card?',
    'how much did you refund me?',
  ])('%j asks what was done, which the records say', (text) => {
    expect(asksWhyOrWhatNext(text)).toBe(false);
  });
});
