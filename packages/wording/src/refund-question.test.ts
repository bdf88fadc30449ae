import { describe, expect, it } from '@jest/globals';
import { asksBesidesRefund, speaksOfMoneyBack } from './refund-question.js';

describe('speaksOfMoneyBack', () => {
  it.each([
    "Why does #W1234567 say cancelled? Where's my money?",
    'any news about the refund',
    'was I reimbursed for it?',
    'has it been credited back?',
  ])('%j speaks of money coming back', (text) => {
    expect(speaksOfMoneyBack(text)).toBe(true);
  });

  it.each(['any news on #W1234567?', 'where is my parcel', 'what did I pay for it?'])(
    '%j does not',
    (text) => {
      expect(speaksOfMoneyBack(text)).toBe(false);
    },
  );
});

describe('asksBesidesRefund', () => {
  it.each([
    'The refund for #W1234567 - can you split it between my gift card and my visa?',
    'My refund for #W1234567 shows as pending on my bank app, can you call my bank?',
    'Will the refund for #W1234567 affect my credit score?',
    'Can I get the refund for #W1234567 as a cheque?',
    'Who approved the refund on #W1234567? I need a name',
    'Is there interest added if the refund for #W1234567 is late?',
  ])('%j asks more of the refund than its record says', (text) => {
    expect(asksBesidesRefund(text)).toBe(true);
  });

  it.each([
    'Can you tell me if the refund for #W1234567 went out?',
    'I cancelled #W1234567, has the refund gone through?',
    'how much did you refund me for #W1234567?',
    'Has my money been returned for the cancelled order?',
    '#W1234567 - was I refunded?',
    "where's my refund for #W1234567?",
    'have you issued my refund yet?',
    'Hello, could you confirm the refund on #W1234567? Thanks',
    'did the refund for my cancelled order go back to my gift card?',
    'any news about the money for #W1234567?',
    // No question mark, or too short to ask anything of its own: nothing more is asked.
    'refund status for #W1234567 please',
    'refund??',
    'refund for #W1234567?',
    'Office chair order #W1234567 - was it cancelled? when do I get the refund on my visa?',
  ])('%j asks only what the record says', (text) => {
    expect(asksBesidesRefund(text)).toBe(false);
  });
});
