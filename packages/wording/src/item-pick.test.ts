import { describe, expect, it } from '@jest/globals';
import { itemPickedFromList, WHICH_ITEMS_QUESTION } from './item-pick.js';

const asked = (items: string) => [
  { role: 'customer', body: 'I want to return my order #W1867876' },
  {
    role: 'bot',
    body: `Hi Sophia,\n\nI can help you return items from your order. Your order #W1867876 is currently delivered. It contains ${items}.\n\n${WHICH_ITEMS_QUESTION}\n\nBest regards,\nThe support team`,
  },
];
const four = asked('Backpack, Vacuum Cleaner, Wall Clock and Yoga Mat');

describe('itemPickedFromList', () => {
  it("reads a pick by place from the order's items the planner listed when it asked which ones", () => {
    expect(itemPickedFromList(four, 'the first one')).toBe('Backpack');
    expect(itemPickedFromList(four, 'The 2nd one please')).toBe('Vacuum Cleaner');
    expect(itemPickedFromList(four, '3')).toBe('Wall Clock');
    expect(itemPickedFromList(four, 'the last one')).toBe('Yoga Mat');
    expect(itemPickedFromList(asked('Desk Lamp and Notebook'), 'the second')).toBe('Notebook');
  });

  it('reads nothing without that question just before, for one item, or past the list', () => {
    expect(itemPickedFromList(four, 'the fifth one')).toBeUndefined();
    expect(itemPickedFromList(asked('Desk Lamp'), 'the first one')).toBeUndefined();
    expect(itemPickedFromList(four, 'the yoga mat')).toBeUndefined();
    expect(
      itemPickedFromList(
        [
          four[0]!,
          { ...four[1]!, body: four[1]!.body.replace(WHICH_ITEMS_QUESTION, 'Where should the refund go?') },
        ],
        'the first one',
      ),
    ).toBeUndefined();
    // An agent's reply is not the planner's list.
    expect(itemPickedFromList([four[0]!, { ...four[1]!, role: 'agent' }], 'the first one')).toBeUndefined();
    // A longer message is read as a message, not as a pick.
    expect(
      itemPickedFromList(
        four,
        'the first one I bought for my brother but he already has one from another shop',
      ),
    ).toBeUndefined();
  });
});
