import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Customer, Order, Product } from '@parley/demo-store';
import { loadCustomers, loadOrders, loadProducts } from '@parley/demo-store';
import { previewWrite } from '../src/compose/hosted/proposal.js';
import type { DemoStore } from './demo-store.js';
import { demoStore } from './demo-store.js';

// What a proposed write would do, worked out from the seeded demo store by the store's own policy decisions.

let demo: DemoStore;
let customers: Map<string, Customer>;
let orders: Order[];
let products: Map<string, Product>;

beforeAll(async () => {
  demo = await demoStore('proposal');
  customers = new Map((await loadCustomers()).map((c) => [c.id, c]));
  orders = await loadOrders();
  products = new Map((await loadProducts()).map((p) => [p.id, p]));
});
afterAll(() => demo.db.drop());

const money = (n: number) => `$${n.toFixed(2)}`;

/** An order of `status` with an item that has another available variant, and that variant. */
function swappable(status: string) {
  for (const order of orders) {
    if (order.status !== status || order.paymentHistory.length !== 1) continue;
    for (const item of order.items) {
      const other = products
        .get(item.productId)
        ?.variants.find((v) => v.itemId !== item.itemId && v.available);
      if (other) return { order, item, other, customer: customers.get(order.customerId)! };
    }
  }
  throw new Error(`no ${status} order with a swappable item`);
}

/** An order of `status` paid in one payment, and another of its customer's methods that `fits`. */
function paidOnce(status: string, fits: (m: Customer['paymentMethods'][number]) => boolean) {
  for (const order of orders) {
    if (order.status !== status || order.paymentHistory.length !== 1) continue;
    const paid = order.paymentHistory[0]!;
    const other = customers
      .get(order.customerId)!
      .paymentMethods.find((m) => m.id !== paid.paymentMethodId && fits(m));
    if (other) return { order, paid, other };
  }
  throw new Error(`no ${status} order paid once whose customer has another such method`);
}

describe('previewWrite', () => {
  it('cancels: the net paid is the amount, refunded to the method that paid', async () => {
    const order = demo.pending;
    const paid = order.paymentHistory[0]!;
    const p = await previewWrite(
      demo.store,
      'cancel_pending_order',
      { order_id: order.id, reason: 'ordered by mistake' },
      order.customerId,
    );
    const names = order.items.map((i) => i.name);
    const items = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0];
    const method = demo.customer.paymentMethods.find((m) => m.id === paid.paymentMethodId)!;
    const to =
      method.kind === 'paypal'
        ? 'PayPal'
        : method.kind === 'gift_card'
          ? 'the gift card'
          : `the ${method.brand} card ending ${method.lastFour}`;
    expect(p).toEqual({
      ok: true,
      summary: `Cancel order ${order.id} (${items}), reason: ordered by mistake. Refund: ${money(paid.amount)} to ${to}.`,
      amountUsd: paid.amount,
      reversesPayment: true,
    });
  });

  it('swaps items: each item with its options, the difference charged or refunded, the once-only rule', async () => {
    const { order, item, other, customer } = swappable('pending');
    const method = order.paymentHistory[0]!.paymentMethodId;
    const p = await previewWrite(
      demo.store,
      'modify_pending_order_items',
      {
        order_id: order.id,
        item_ids: [item.itemId],
        new_item_ids: [other.itemId],
        payment_method_id: method,
      },
      customer.id,
    );
    if (!p.ok) throw new Error(p.refusal.message);
    const diff = other.price - item.price;
    expect(p.amountUsd).toBeCloseTo(Math.abs(diff), 2);
    expect(p.summary).toContain(`In order ${order.id}, change ${item.name} (`);
    expect(p.summary).toContain(diff > 0 ? `is charged to` : `is refunded to`);
    expect(p.summary).toContain('Items in an order can be changed only once.');
  });

  it('returns and exchanges delivered items, the refund or difference as the amount', async () => {
    const { order, item, other, customer } = swappable('delivered');
    const method = order.paymentHistory[0]!.paymentMethodId;
    const ret = await previewWrite(
      demo.store,
      'return_delivered_order_items',
      { order_id: order.id, item_ids: [item.itemId], payment_method_id: method },
      customer.id,
    );
    expect(ret).toMatchObject({ ok: true, amountUsd: item.price, reversesPayment: true });
    expect(ret.ok && ret.summary).toContain(`The refund of ${money(item.price)} goes to`);
    const ex = await previewWrite(
      demo.store,
      'exchange_delivered_order_items',
      {
        order_id: order.id,
        item_ids: [item.itemId],
        new_item_ids: [other.itemId],
        payment_method_id: method,
      },
      customer.id,
    );
    if (!ex.ok) throw new Error(ex.refusal.message);
    expect(ex.amountUsd).toBeCloseTo(Math.abs(other.price - item.price), 2);
    expect(ex.summary).toContain(`In order ${order.id}, exchange ${item.name} (`);
    // A price difference is money moved, not a payment undone.
    expect(ex.reversesPayment).toBeUndefined();
  });

  it('undoes a payment only when the refund goes back to a method that paid the order', async () => {
    const found = paidOnce('delivered', (m) => m.kind === 'gift_card');
    const item = found.order.items[0]!;
    const toCard = await previewWrite(
      demo.store,
      'return_delivered_order_items',
      { order_id: found.order.id, item_ids: [item.itemId], payment_method_id: found.other.id },
      found.order.customerId,
    );
    expect(toCard).toMatchObject({ ok: true, amountUsd: item.price, reversesPayment: false });
  });

  it('moves the payment: the order total is the amount, the original method refunded', async () => {
    const found = paidOnce('pending', (m) => m.kind !== 'gift_card');
    const p = await previewWrite(
      demo.store,
      'modify_pending_order_payment',
      { order_id: found.order.id, payment_method_id: found.other.id },
      found.order.customerId,
    );
    expect(p).toMatchObject({ ok: true, amountUsd: found.paid.amount });
    expect(p.ok && p.reversesPayment).toBeUndefined();
    expect(p.ok && p.summary).toContain(`Pay order ${found.order.id} (${money(found.paid.amount)}) with `);
    expect(p.ok && p.summary).toContain(', which is refunded.');
  });

  it('changes addresses without an amount; only the customer writing in', async () => {
    const address = {
      address1: '1 Example Road',
      address2: 'Unit 2',
      city: 'Springfield',
      state: 'IL',
      country: 'USA',
      zip: '62701',
    };
    const order = demo.pending;
    expect(
      await previewWrite(
        demo.store,
        'modify_pending_order_address',
        { order_id: order.id, ...address },
        order.customerId,
      ),
    ).toEqual({
      ok: true,
      summary: expect.stringContaining(`to 1 Example Road, Unit 2, Springfield, IL 62701, USA.`),
    });
    expect(
      await previewWrite(
        demo.store,
        'modify_user_address',
        { user_id: order.customerId, ...address },
        order.customerId,
      ),
    ).toEqual({
      ok: true,
      summary: 'Change your default address to 1 Example Road, Unit 2, Springfield, IL 62701, USA.',
    });
    expect(
      await previewWrite(
        demo.store,
        'modify_user_address',
        { user_id: 'someone_else_1', ...address },
        order.customerId,
      ),
    ).toMatchObject({ ok: false, refusal: { rule: 'other_customer' } });
  });

  it("refuses by the store's rules: status, another customer's order, an unknown order", async () => {
    const cancel = (orderId: string, customerId: string) =>
      previewWrite(
        demo.store,
        'cancel_pending_order',
        { order_id: orderId, reason: 'no longer needed' },
        customerId,
      );
    expect(await cancel(demo.delivered.id, demo.customer.id)).toMatchObject({
      ok: false,
      refusal: { rule: 'order_not_pending' },
    });
    expect(await cancel(demo.stranger.id, demo.customer.id)).toMatchObject({
      ok: false,
      refusal: { rule: 'other_customer' },
    });
    expect(await cancel('#W0000000', demo.customer.id)).toMatchObject({
      ok: false,
      refusal: { rule: 'order_not_found' },
    });
  });
});
