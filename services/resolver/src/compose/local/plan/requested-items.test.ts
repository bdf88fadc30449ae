import { describe, expect, it } from '@jest/globals';
import type { OrderItem } from '@parley/commerce';
import { requestedItems } from './requested-items.js';

const item = (name: string, productId: string, itemId: string): OrderItem => ({
  name,
  productId,
  itemId,
  price: 10,
  options: {},
});

const items = [
  item('Bluetooth Speaker', 'p1', 'i1'),
  item('Luggage Set', 'p2', 'i2'),
  item('Desk Lamp', 'p3', 'i3'),
];

describe('requestedItems', () => {
  it('takes the items a plain request names', () => {
    expect(requestedItems(['Please return the luggage set and the desk lamp.'], items)).toEqual([1, 2]);
    expect(requestedItems(['Hi,\n\nReturn #W1234567: Luggage Set; Desk Lamp;'], items)).toEqual([1, 2]);
  });

  it('takes the items of a story whose request names them all', () => {
    const story = 'The desk lamp flickers every evening. I would like to return the desk lamp.';
    expect(requestedItems([story], items)).toEqual([2]);
    const one = 'The lamp flickers every evening and it drives me mad. I would like to return it.';
    expect(requestedItems([one], items)).toEqual([2]);
  });

  it('leaves it open when the story names items its request does not', () => {
    const praised =
      'The speaker is great and I use it every day. The luggage set is too big. I want to return the luggage set.';
    expect(requestedItems([praised], items)).toBeUndefined();
    const pronoun =
      'I love the speaker, but the luggage set is too big for my car. I would like to return it.';
    expect(requestedItems([pronoun], items)).toBeUndefined();
  });

  it('takes every item when asked for all, story or not', () => {
    const all = 'The speaker and the lamp are both fine, I just moved. I want to return all the items.';
    expect(requestedItems([all], items)).toEqual([0, 1, 2]);
  });

  it('keeps out the items a request excepts', () => {
    expect(requestedItems(['return everything except the desk lamp'], items)).toEqual([0, 1]);
    expect(requestedItems(['I want to return all but the speaker, thanks'], items)).toEqual([1, 2]);
    expect(requestedItems(['Return all the items apart from the luggage set and the lamp.'], items)).toEqual([
      0,
    ]);
    expect(
      requestedItems(['Please return the luggage set and the desk lamp but not the speaker.'], items),
    ).toEqual([1, 2]);
    expect(requestedItems(['return the desk lamp, not the speaker'], items)).toEqual([2]);
    // Everything kept out leaves nothing clear to return.
    expect(
      requestedItems(['return everything except the speaker, the luggage set and the lamp'], items),
    ).toBeUndefined();
  });

  it('reads answers after the request as they are (an answer is no story)', () => {
    expect(
      requestedItems(['Please return the desk lamp.', 'My name is Ann Lee and my ZIP code is 12345.'], items),
    ).toEqual([2]);
  });
});
