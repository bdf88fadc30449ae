import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { stateDigest } from '../src/digest.js';
import type { SeededStore } from './harness.js';
import { seededStore } from './harness.js';
import type { Catalogue } from './pick.js';
import { customerOf, giftCards, loadCatalogue, methodKind, pick } from './pick.js';

// Exactly once per action id: retried and concurrent duplicates get the first outcome and change nothing.

let s: SeededStore;
let c: Catalogue;

beforeAll(async () => {
  s = await seededStore('ledger');
  c = await loadCatalogue();
});
afterAll(async () => {
  await s.t.drop();
});

const giftCardOrder = () =>
  pick(
    c,
    'pending order paid by gift card',
    (o, cu) =>
      o.status === 'pending' &&
      o.paymentHistory.length === 1 &&
      methodKind(cu, o.paymentHistory[0]?.paymentMethodId) === 'gift_card',
  );

async function balanceOf(customerId: string, cardId: string): Promise<number> {
  const customer = await s.store.getCustomer(customerId);
  const card = customer?.paymentMethods.find((m) => m.id === cardId);
  if (card?.kind !== 'gift_card') throw new Error(`no gift card ${cardId}`);
  return card.balance;
}

describe('the store_actions ledger', () => {
  it('applies two concurrent calls with one action id once, and both get the same outcome', async () => {
    const order = giftCardOrder();
    const payment = order.paymentHistory[0]!;
    const before = await balanceOf(order.customerId, payment.paymentMethodId);
    const meta = { actionId: 'concurrent-cancel', customerId: order.customerId };
    const request = { orderId: order.id, reason: 'no longer needed' };
    const [a, b] = await Promise.all([
      s.store.cancelPendingOrder(meta, request),
      s.store.cancelPendingOrder(meta, request),
    ]);
    expect(a.ok).toBe(true);
    expect(b).toEqual(a);
    const after = await s.store.getOrder(order.id);
    expect(after?.status).toBe('cancelled');
    expect(after?.cancelReason).toBe('no longer needed');
    expect(after?.paymentHistory).toEqual([
      payment,
      { type: 'refund', amount: payment.amount, paymentMethodId: payment.paymentMethodId },
    ]);
    // A gift card is refunded at once, and once.
    expect(await balanceOf(order.customerId, payment.paymentMethodId)).toBeCloseTo(
      before + payment.amount,
      2,
    );
    const rows = await s.t.db
      .selectFrom('store_actions')
      .selectAll()
      .where('action_id', '=', 'concurrent-cancel')
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.outcome).toEqual(a);
    await s.restore(order.customerId);
  });

  it('returns the first outcome to a retry even after the state moved on, and changes nothing', async () => {
    const order = giftCardOrder();
    const meta = { actionId: 'retried-cancel', customerId: order.customerId };
    const request = { orderId: order.id, reason: 'ordered by mistake' };
    const first = await s.store.cancelPendingOrder(meta, request);
    expect(first.ok).toBe(true);
    const digest = await stateDigest(s.store, { customerIds: [order.customerId] });
    // Without the ledger this retry would be refused (the order is no longer pending): it gets the success.
    expect(await s.store.cancelPendingOrder(meta, request)).toEqual(first);
    expect(await stateDigest(s.store, { customerIds: [order.customerId] })).toBe(digest);
    await s.restore(order.customerId);
  });

  it('keeps a refusal as the outcome of its action id', async () => {
    const order = pick(c, 'processed order', (o) => o.status === 'processed');
    const meta = { actionId: 'refused-cancel', customerId: order.customerId };
    const first = await s.store.cancelPendingOrder(meta, { orderId: order.id, reason: 'no longer needed' });
    expect(first).toEqual({ ok: false, refusal: expect.objectContaining({ rule: 'order_not_pending' }) });
    expect(await s.store.cancelPendingOrder(meta, { orderId: order.id, reason: 'no longer needed' })).toEqual(
      first,
    );
  });

  it('refuses an action id reused for a different request', async () => {
    const order = giftCardOrder();
    const customer = customerOf(c, order);
    const meta = { actionId: 'reused-id', customerId: order.customerId };
    const address = {
      line1: '1 Elm St',
      line2: '',
      city: 'Austin',
      state: 'TX',
      zip: '73301',
      country: 'USA',
    };
    expect((await s.store.modifyPendingOrderAddress(meta, { orderId: order.id, address })).ok).toBe(true);
    const digest = await stateDigest(s.store, { customerIds: [order.customerId] });
    const reused = await s.store.modifyPendingOrderAddress(meta, {
      orderId: order.id,
      address: { ...address, line1: '2 Elm St' },
    });
    expect(reused).toEqual({ ok: false, refusal: expect.objectContaining({ rule: 'action_id_reused' }) });
    expect(await stateDigest(s.store, { customerIds: [order.customerId] })).toBe(digest);
    expect(giftCards(customer).length).toBeGreaterThan(0);
    await s.restore(order.customerId);
  });

  it('rolls the claim back with a failed write, so a retry runs', async () => {
    const order = giftCardOrder();
    const meta = { actionId: 'failed-then-retried', customerId: order.customerId };
    // A row in a shape the store cannot read makes the write throw inside its transaction.
    const saved = await s.t.db
      .selectFrom('orders')
      .select('items')
      .where('id', '=', order.id)
      .executeTakeFirstOrThrow();
    await s.t.db
      .updateTable('orders')
      .set({ items: JSON.stringify([{ broken: true }]) })
      .where('id', '=', order.id)
      .execute();
    await expect(
      s.store.cancelPendingOrder(meta, { orderId: order.id, reason: 'no longer needed' }),
    ).rejects.toThrow(/does not hold the store's shape/);
    await s.t.db
      .updateTable('orders')
      .set({ items: JSON.stringify(saved.items) })
      .where('id', '=', order.id)
      .execute();
    const retried = await s.store.cancelPendingOrder(meta, { orderId: order.id, reason: 'no longer needed' });
    expect(retried.ok).toBe(true);
    await s.restore(order.customerId);
  });
});
