import { describe, expect, it } from '@jest/globals';
import { sentToUsByTheHelpCentre } from './sent-to-us.js';

describe('sentToUsByTheHelpCentre', () => {
  it.each([
    'It has been 8 business days. Your page says contact you after 7 business days, so here I am.',
    'The FAQ told me to get in touch with you if the refund was not there after a week.',
    "Your website says to email support if tracking hasn't moved in 2 days. It hasn't.",
    'As your help centre says, I am contacting you with the order number.',
    'the email said to contact customer service if anything was missing, and the charger is missing',
  ])('%j was sent to us by what the store wrote', (text) => {
    expect(sentToUsByTheHelpCentre(text)).toBe(true);
  });

  it.each([
    'Do I contact you or the carrier about a late parcel?',
    'How do I contact you by phone?',
    'Your website says free shipping over $35, is that still true?',
    'My friend told me to contact you about the sale.',
    'The page says the item is in stock. Can I order two?',
  ])('%j was not', (text) => {
    expect(sentToUsByTheHelpCentre(text)).toBe(false);
  });
});
