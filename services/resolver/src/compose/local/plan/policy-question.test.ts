import { describe, expect, it } from '@jest/globals';
import { asksHowThingsWork } from './policy-question.js';

describe('asksHowThingsWork', () => {
  it('reads a question about what the store allows as one', () => {
    for (const text of [
      'Can I change the delivery address after placing an order?',
      'is it possible to swap the colour of something before it ships?',
      'How do I update my address for future orders?',
      'what if the size I want costs more?',
      'do i have to say why I want to cancel',
      'I already changed one thing. I would like to cancel instead, is that still possible?',
    ])
      expect([text, asksHowThingsWork(text)]).toEqual([text, true]);
  });

  it('leaves a request about one purchase to the planner', () => {
    for (const text of [
      'Can I switch the bottle in #W2727221 to the red one?',
      'can you please cancel my order before it ships?',
      'Could you cancel it? I bought it by mistake.',
      'Can I return the lamp I bought last week? Refund to PayPal is fine.',
      'Please change the card on my order to my visa',
      'I want to return the helmet, it does not fit',
    ])
      expect([text, asksHowThingsWork(text)]).toEqual([text, false]);
  });
});
