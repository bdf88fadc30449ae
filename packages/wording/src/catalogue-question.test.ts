import { describe, expect, it } from '@jest/globals';
import { asksCatalogueOnly } from './catalogue-question.js';

describe('asksCatalogueOnly', () => {
  it.each([
    'What sizes does the fleece jacket come in?',
    'Is the smart watch available in silver with a leather band?',
    'Over-ear headphones, wired, in black. In stock?',
    "What's the cheapest notebook you've got?",
  ])('%j asks only for options, stock or prices', (text) => {
    expect(asksCatalogueOnly(text)).toBe(true);
  });

  it.each([
    'Why does the XL cost more than the M? Same shirt.',
    'When will the 1000 piece puzzle be back in stock?',
    'Can I preorder the silver luggage set? It says unavailable',
    "Does the bicycle come assembled? What's the frame made of?",
    'The t-shirt in #W1234567 should be a medium. Is it available in M?',
    'The shoes you sent are two different sizes, is the 9 in stock?',
    'Where is my order?',
  ])('%j asks more than the catalogue holds', (text) => {
    expect(asksCatalogueOnly(text)).toBe(false);
  });
});
