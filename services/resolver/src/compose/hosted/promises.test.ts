import { describe, expect, it } from '@jest/globals';
import { promisedActions } from './promises.js';

describe('promisedActions', () => {
  it.each([
    "I've cancelled order #W8770097 for you.",
    'We have refunded the full amount.',
    'I will cancel it right away.',
    "We'll refund you today.",
    'Your order has been cancelled.',
    'Your refund has now been issued.',
    'I just updated the shipping address.',
  ])('flags %j', (sentence) => {
    expect(promisedActions(`Thanks for asking. ${sentence}`, [])).toEqual([sentence]);
  });

  it.each([
    'Only orders with the status pending can be cancelled.',
    'Once you confirm, we will cancel it.',
    'It can be cancelled while it is pending.',
    'Your order #W3400144 is currently processed.',
    'Refunds go back to the original payment method.',
  ])('leaves %j alone', (sentence) => {
    expect(promisedActions(sentence, [])).toEqual([]);
  });

  it('leaves a sentence quoted from a passage alone: it states policy', () => {
    const policy = 'We will refund the shipping cost when the item arrived damaged.';
    expect(promisedActions(policy, [`Damaged items\n${policy}`])).toEqual([]);
    expect(promisedActions(policy, [])).toEqual([policy]);
  });
});
