import { describe, expect, it } from '@jest/globals';
import { asksOwnAccountFact } from './account-fact.js';

describe('asksOwnAccountFact: a fact only the sender’s records hold', () => {
  it.each([
    'what is my default shipping address?',
    "what's the email on my account",
    'what email do you have for me?',
    'which address is my default?',
    'which cards do I have saved?',
    'what payment methods are on my account?',
    'how much is left on my gift card?',
    'hi, what is my account number',
  ])('%j asks for one', (text) => {
    expect(asksOwnAccountFact(text)).toBe(true);
  });

  it.each([
    'can I change the email on my account?',
    'how do I update my default address?',
    'what payment methods do you accept?',
    'what is your returns address?',
    'do gift cards expire?',
    'where is my order?',
    'what info do you store about me?',
  ])('%j does not', (text) => {
    expect(asksOwnAccountFact(text)).toBe(false);
  });
});
