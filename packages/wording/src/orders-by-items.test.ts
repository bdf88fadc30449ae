import { describe, expect, it } from '@jest/globals';
import { orderNamedByItems } from './orders-by-items.js';

const order = (orderId: string, ...names: string[]) => ({ orderId, items: names.map((name) => ({ name })) });
const ORDERS = [
  order('#W1', 'Laptop', 'Espresso Machine'),
  order('#W2', 'Hiking Boots', 'Grill'),
  order('#W3', 'Laptop', 'Desk Lamp'),
  order('#W4', 'Electric Toothbrush'),
];

describe('orderNamedByItems', () => {
  it('finds the one order holding every item the words name', () => {
    const text = 'I would like to know the state of my order with the laptop and espresso machine.';
    expect(orderNamedByItems(text, ORDERS)?.orderId).toBe('#W1');
    expect(orderNamedByItems('the grill and hiking boots order, when does it arrive?', ORDERS)?.orderId).toBe(
      '#W2',
    );
    expect(orderNamedByItems('Where are my HIKING BOOTS?', ORDERS)?.orderId).toBe('#W2');
  });

  it('names nothing when the items fit several orders or none, or only part of a name is written', () => {
    expect(orderNamedByItems('where is my laptop?', ORDERS)).toBeUndefined();
    expect(orderNamedByItems('the laptop and the grill, are they shipped?', ORDERS)).toBeUndefined();
    expect(orderNamedByItems('where is my order?', ORDERS)).toBeUndefined();
    expect(
      orderNamedByItems('is the lamp from the laptop order shipped? and the grill?', ORDERS),
    ).toBeUndefined();
  });

  it('reads a product by its noun when only one order holds it', () => {
    expect(orderNamedByItems('do i have a tracking number yet for the toothbrush', ORDERS)?.orderId).toBe(
      '#W4',
    );
    expect(orderNamedByItems('is the machine on its way?', ORDERS)?.orderId).toBe('#W1');
  });
});
