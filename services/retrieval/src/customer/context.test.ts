import { describe, expect, it } from '@jest/globals';
import type { PaymentMethod } from '@parley/commerce';
import { CustomerContext } from '@parley/contracts';
import type { OrderRow } from './context.js';
import { buildCustomerContext, orderFacts } from './context.js';

const item = (itemId: string, price: number) => ({
  name: `Item ${itemId}`,
  productId: 'p1',
  itemId,
  price,
  options: { color: 'blue' },
});
const order = (id: string, customer: string, extra: Partial<OrderRow> = {}): OrderRow => ({
  id,
  customer_id: customer,
  status: 'delivered',
  items: [item('i1', 47.84), item('i2', 488.81)],
  fulfillments: [
    { trackingIds: ['T1'], itemIds: ['i1'] },
    { trackingIds: ['T1', 'T2'], itemIds: ['i2'] },
  ],
  payment_history: [{ type: 'payment', amount: 536.65, paymentMethodId: 'credit_card_1' }],
  ...extra,
});
const METHODS: PaymentMethod[] = [
  { id: 'credit_card_1', kind: 'credit_card', brand: 'visa', lastFour: '4242' },
  { id: 'gift_card_1', kind: 'gift_card', balance: 12 },
];
const ann = { id: 'ann_1', first_name: 'Ann', last_name: 'Lee', payment_methods: METHODS };

describe('orderFacts', () => {
  it('sums the items to the cent and lists each tracking id once', () => {
    expect(orderFacts(order('#W1', 'ann_1'))).toMatchObject({
      orderId: '#W1',
      total: 536.65,
      trackingIds: ['T1', 'T2'],
    });
  });

  it('lists the refunds issued, each with the method it went to in words', () => {
    const cancelled = order('#W2', 'ann_1', {
      status: 'cancelled',
      payment_history: [
        { type: 'payment', amount: 536.65, paymentMethodId: 'credit_card_1' },
        { type: 'refund', amount: 500, paymentMethodId: 'credit_card_1' },
        { type: 'refund', amount: 36.65, paymentMethodId: 'gift_card_1' },
        { type: 'refund', amount: 1, paymentMethodId: 'paypal_gone' },
      ],
    });
    expect(orderFacts(cancelled, METHODS).refunds).toEqual([
      { amount: 500, method: 'the Visa card ending 4242' },
      { amount: 36.65, method: 'the gift card' },
      { amount: 1, method: 'the original payment method' },
    ]);
    // An order with payments only says nothing of refunds, nor does a history in another shape.
    expect(orderFacts(order('#W1', 'ann_1'), METHODS)).not.toHaveProperty('refunds');
    expect(orderFacts(order('#W3', 'ann_1', { payment_history: {} }), METHODS)).not.toHaveProperty('refunds');
  });

  it('names the order whose stored items are malformed', () => {
    expect(() => orderFacts(order('#W9', 'ann_1', { items: 'oops' }))).toThrow(
      'order #W9: stored items are malformed',
    );
  });
});

describe('buildCustomerContext', () => {
  it('puts the orders named in the ticket first', () => {
    const ctx = buildCustomerContext(
      ann,
      [order('#W0000001', 'ann_1'), order('#W0000002', 'ann_1')],
      ['#W0000002'],
    );
    expect(ctx.orders.map((o) => o.orderId)).toEqual(['#W0000002', '#W0000001']);
    expect(ctx).toMatchObject({ customerId: 'ann_1', name: 'Ann Lee', unownedOrderIds: [] });
    expect(CustomerContext.safeParse(ctx).success).toBe(true);
  });

  it("lists another customer's order id as unowned and includes nothing of it", () => {
    const rows = [order('#W0000001', 'ann_1'), order('#W0000009', 'bob_2', { status: 'pending' })];
    const ctx = buildCustomerContext(ann, rows, ['#W0000009']);
    expect(ctx.unownedOrderIds).toEqual(['#W0000009']);
    expect(ctx.orders.map((o) => o.orderId)).toEqual(['#W0000001']);
    expect(JSON.stringify(ctx.orders)).not.toContain('#W0000009');
  });

  it('keeps at most 100 orders', () => {
    const many = Array.from({ length: 120 }, (_, i) => order(`#W${String(i).padStart(7, '0')}`, 'ann_1'));
    const ctx = buildCustomerContext(ann, many, ['#W0000119']);
    expect(ctx.orders).toHaveLength(100);
    expect(ctx.orders[0]!.orderId).toBe('#W0000119');
  });
});
