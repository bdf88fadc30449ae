import { describe, expect, it } from '@jest/globals';
import { decideCancel, decideItems, decidePayment } from './policy.js';
import type { Order, PaymentMethod, Product } from './types.js';

const address = { line1: '1 Elm St', line2: '', city: 'Austin', state: 'TX', zip: '73301', country: 'USA' };
const methods: PaymentMethod[] = [
  { id: 'credit_card_1', kind: 'credit_card', brand: 'visa', lastFour: '4242' },
  { id: 'gift_card_1', kind: 'gift_card', balance: 500 },
];
const kettle: Product = {
  id: 'p1',
  name: 'Kettle',
  variants: [
    { itemId: 'k-white', options: { color: 'white' }, available: true, price: 10.1 },
    { itemId: 'k-black', options: { color: 'black' }, available: true, price: 10.3 },
  ],
};
const order: Order = {
  id: '#W1',
  customerId: 'ann',
  status: 'pending',
  items: [
    { name: 'Kettle', productId: 'p1', itemId: 'k-white', price: 10.1, options: { color: 'white' } },
    { name: 'Kettle', productId: 'p1', itemId: 'k-white', price: 10.1, options: { color: 'white' } },
  ],
  fulfillments: [],
  paymentHistory: [{ type: 'payment', amount: 20.2, paymentMethodId: 'credit_card_1' }],
  address,
};

function applied<T extends { ok: boolean }>(d: T): Extract<T, { ok: true }> {
  if (!d.ok) throw new Error('refused');
  return d as Extract<T, { ok: true }>;
}

describe('policy decisions', () => {
  it('swaps an item listed twice in both units, and records the difference in cents', () => {
    const { change } = applied(
      decideItems(
        { customerId: 'ann', order, paymentMethods: methods },
        {
          orderId: '#W1',
          itemIds: ['k-white', 'k-white'],
          newItemIds: ['k-black', 'k-black'],
          paymentMethodId: 'gift_card_1',
        },
        new Map([['p1', kettle]]),
      ),
    );
    expect(change.order.items.map((i) => i.itemId)).toEqual(['k-black', 'k-black']);
    expect(change.order.status).toBe('pending (item modified)');
    // 2 x (10.3 - 10.1) is 0.40000000000000036 in floating point.
    expect(change.order.paymentHistory.at(-1)).toEqual({
      type: 'payment',
      amount: 0.4,
      paymentMethodId: 'gift_card_1',
    });
    expect(change.paymentMethods.find((m) => m.id === 'gift_card_1')).toEqual({
      id: 'gift_card_1',
      kind: 'gift_card',
      balance: 499.6,
    });
  });

  it('refunds the net amount per method when an order is cancelled after a payment change', () => {
    const moved = applied(
      decidePayment(
        { customerId: 'ann', order, paymentMethods: methods },
        { orderId: '#W1', paymentMethodId: 'gift_card_1' },
      ),
    ).change;
    expect(moved.paymentMethods.find((m) => m.id === 'gift_card_1')).toMatchObject({ balance: 479.8 });
    const { change } = applied(
      decideCancel(
        { customerId: 'ann', order: moved.order, paymentMethods: moved.paymentMethods },
        { orderId: '#W1', reason: 'no longer needed' },
      ),
    );
    // The card was paid and refunded already: only the gift card gets its 20.20 back, once.
    expect(change.order.paymentHistory.slice(3)).toEqual([
      { type: 'refund', amount: 20.2, paymentMethodId: 'gift_card_1' },
    ]);
    expect(change.paymentMethods.find((m) => m.id === 'gift_card_1')).toMatchObject({ balance: 500 });
  });
});
