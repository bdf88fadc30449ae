import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { stateDigest } from '../src/digest.js';
import { PostgresStore } from '../src/postgres/store.js';
import type { RefusalRule } from '../src/refusals.js';
import type { ToolContext, ToolOutcome } from '../src/tools.js';
import { toolByName } from '../src/tools.js';
import { ORDER_STATUS } from '../src/types.js';
import type { SeededStore } from './harness.js';
import { seededStore } from './harness.js';
import type { Catalogue } from './pick.js';
import { customerOf, giftCards, loadCatalogue, methodKind, otherVariant, pick } from './pick.js';

// One test per policy rule: the write is refused with the rule's code, the message says why, and neither the
// customer nor their orders change.

let s: SeededStore;
let c: Catalogue;
let n = 0;

beforeAll(async () => {
  s = await seededStore('refusals');
  c = await loadCatalogue();
});
afterAll(async () => {
  await s.t.drop();
});

function ctx(customerId: string | null): ToolContext {
  n += 1;
  return { customerId, actionId: `refusal-test-${n}` };
}

async function call(name: string, input: unknown, context: ToolContext): Promise<ToolOutcome<unknown>> {
  const tool = toolByName(name);
  if (!tool) throw new Error(`no tool ${name}`);
  return tool.run(s.store, input, context);
}

/** Runs `name` and expects `rule`, with the given customers' state unchanged; returns the message. */
async function expectRefused(
  name: string,
  input: unknown,
  context: ToolContext,
  rule: RefusalRule,
  customerIds: string[],
): Promise<string> {
  const before = await stateDigest(s.store, { customerIds });
  const outcome = await call(name, input, context);
  if (outcome.ok) throw new Error(`${name} was not refused (expected ${rule})`);
  expect(outcome.refusal.rule).toBe(rule);
  expect(await stateDigest(s.store, { customerIds })).toBe(before);
  return outcome.refusal.message;
}

async function expectApplied(name: string, input: unknown, context: ToolContext): Promise<unknown> {
  const outcome = await call(name, input, context);
  if (!outcome.ok) throw new Error(`${name} was refused: ${outcome.refusal.rule} ${outcome.refusal.message}`);
  return outcome.result;
}

const pendingByCard = () =>
  pick(
    c,
    'pending order paid by card',
    (o, cu) =>
      o.status === 'pending' &&
      o.paymentHistory.length === 1 &&
      methodKind(cu, o.paymentHistory[0]?.paymentMethodId) !== 'gift_card',
  );

describe('input validation', () => {
  it('names the missing or wrong field and runs nothing', async () => {
    const order = pendingByCard();
    const message = await expectRefused(
      'modify_pending_order_items',
      { order_id: order.id, item_ids: 'x', payment_method_id: 'paypal_1' },
      ctx(order.customerId),
      'invalid_input',
      [order.customerId],
    );
    expect(message).toMatch(/item_ids/);
    expect(message).toMatch(/new_item_ids/);
    expect(
      await expectRefused(
        'cancel_pending_order',
        { order_id: order.id },
        ctx(order.customerId),
        'invalid_input',
        [order.customerId],
      ),
    ).toMatch(/reason/);
    expect(
      await expectRefused(
        'cancel_pending_order',
        { order_id: order.id, reason: 'no longer needed', refund: 'double' },
        ctx(order.customerId),
        'invalid_input',
        [order.customerId],
      ),
    ).toMatch(/refund/);
    expect(
      await expectRefused('get_order_details', null, ctx(order.customerId), 'invalid_input', [
        order.customerId,
      ]),
    ).toMatch(/order_id/);
  });
});

describe('one authenticated customer per conversation', () => {
  it('refuses customer data and every write before a customer is authenticated', async () => {
    const order = pendingByCard();
    await expectRefused('get_user_details', { user_id: order.customerId }, ctx(null), 'not_authenticated', [
      order.customerId,
    ]);
    await expectRefused('get_order_details', { order_id: order.id }, ctx(null), 'not_authenticated', [
      order.customerId,
    ]);
    await expectRefused(
      'cancel_pending_order',
      { order_id: order.id, reason: 'no longer needed' },
      ctx(null),
      'not_authenticated',
      [order.customerId],
    );
  });

  it("refuses to read or change another customer's orders, profile or address", async () => {
    const order = pendingByCard();
    const other = [...c.customers.keys()].find((id) => id !== order.customerId) as string;
    const both = [order.customerId, other];
    await expectRefused('get_order_details', { order_id: order.id }, ctx(other), 'other_customer', both);
    await expectRefused(
      'get_user_details',
      { user_id: order.customerId },
      ctx(other),
      'other_customer',
      both,
    );
    await expectRefused(
      'cancel_pending_order',
      { order_id: order.id, reason: 'no longer needed' },
      ctx(other),
      'other_customer',
      both,
    );
    const address = {
      address1: '1 Elm St',
      address2: '',
      city: 'Austin',
      state: 'TX',
      country: 'USA',
      zip: '73301',
    };
    await expectRefused(
      'modify_pending_order_address',
      { order_id: order.id, ...address },
      ctx(other),
      'other_customer',
      both,
    );
    await expectRefused(
      'modify_user_address',
      { user_id: order.customerId, ...address },
      ctx(other),
      'other_customer',
      both,
    );
  });

  it('refuses a write for a customer or an order that does not exist', async () => {
    await expectRefused(
      'cancel_pending_order',
      { order_id: '#W0000001', reason: 'no longer needed' },
      ctx(pendingByCard().customerId),
      'order_not_found',
      [],
    );
    await expectRefused(
      'cancel_pending_order',
      { order_id: pendingByCard().id, reason: 'no longer needed' },
      ctx('nobody_0000'),
      'customer_not_found',
      [pendingByCard().customerId],
    );
    await expectRefused(
      'find_user_id_by_email',
      { email: 'nobody@example.com' },
      ctx(null),
      'customer_not_found',
      [],
    );
    await expectRefused(
      'get_product_details',
      { product_id: '0000000000' },
      ctx(null),
      'product_not_found',
      [],
    );
  });
});

describe('cancel and modify act on pending orders only', () => {
  it('refuses to cancel or modify an order that is processed or delivered', async () => {
    const processed = pick(c, 'processed order', (o) => o.status === 'processed');
    await expectRefused(
      'cancel_pending_order',
      { order_id: processed.id, reason: 'no longer needed' },
      ctx(processed.customerId),
      'order_not_pending',
      [processed.customerId],
    );
    const delivered = pick(
      c,
      'delivered order whose customer has another method',
      (o, cu) =>
        o.status === 'delivered' &&
        cu.paymentMethods.some((m) => m.id !== o.paymentHistory[0]?.paymentMethodId),
    );
    const other = customerOf(c, delivered).paymentMethods.find(
      (m) => m.id !== delivered.paymentHistory[0]?.paymentMethodId,
    )!;
    await expectRefused(
      'modify_pending_order_payment',
      { order_id: delivered.id, payment_method_id: other.id },
      ctx(delivered.customerId),
      'order_not_pending',
      [delivered.customerId],
    );
  });

  it('accepts only the two cancellation reasons, in the store itself too', async () => {
    const order = pendingByCard();
    expect(
      await expectRefused(
        'cancel_pending_order',
        { order_id: order.id, reason: 'changed my mind' },
        ctx(order.customerId),
        'invalid_input',
        [order.customerId],
      ),
    ).toMatch(/reason/);
    const before = await stateDigest(s.store, { customerIds: [order.customerId] });
    const outcome = await s.store.cancelPendingOrder(
      { actionId: 'direct-cancel-reason', customerId: order.customerId },
      { orderId: order.id, reason: 'changed my mind' },
    );
    expect(outcome).toEqual({
      ok: false,
      refusal: {
        rule: 'invalid_cancel_reason',
        message: expect.stringMatching(/no longer needed.*ordered by mistake/),
      },
    });
    expect(await stateDigest(s.store, { customerIds: [order.customerId] })).toBe(before);
  });

  it('modifies items once: after that the order can no longer be modified or cancelled', async () => {
    const order = pick(
      c,
      'pending order with another available option',
      (o) =>
        o.status === 'pending' &&
        o.paymentHistory.length === 1 &&
        o.items.some((i) => otherVariant(c, i.productId, i.itemId, true)),
    );
    const item = order.items.find((i) => otherVariant(c, i.productId, i.itemId, true))!;
    const swap = otherVariant(c, item.productId, item.itemId, true)!;
    const paidWith = order.paymentHistory[0]!.paymentMethodId;
    const modified = (await expectApplied(
      'modify_pending_order_items',
      {
        order_id: order.id,
        item_ids: [item.itemId],
        new_item_ids: [swap.itemId],
        payment_method_id: paidWith,
      },
      ctx(order.customerId),
    )) as { status: string };
    expect(modified.status).toBe(ORDER_STATUS.itemsModified);
    const me = [order.customerId];
    await expectRefused(
      'modify_pending_order_items',
      {
        order_id: order.id,
        item_ids: [swap.itemId],
        new_item_ids: [item.itemId],
        payment_method_id: paidWith,
      },
      ctx(order.customerId),
      'items_already_modified',
      me,
    );
    await expectRefused(
      'cancel_pending_order',
      { order_id: order.id, reason: 'ordered by mistake' },
      ctx(order.customerId),
      'items_already_modified',
      me,
    );
    const address = {
      address1: '1 Elm St',
      address2: '',
      city: 'Austin',
      state: 'TX',
      country: 'USA',
      zip: '73301',
    };
    await expectRefused(
      'modify_pending_order_address',
      { order_id: order.id, ...address },
      ctx(order.customerId),
      'items_already_modified',
      me,
    );
    await s.restore(order.customerId);
  });
});

describe('return and exchange act on delivered orders only', () => {
  it('refuses to return or exchange an order that is not delivered', async () => {
    const order = pendingByCard();
    const item = order.items[0]!;
    await expectRefused(
      'return_delivered_order_items',
      {
        order_id: order.id,
        item_ids: [item.itemId],
        payment_method_id: order.paymentHistory[0]!.paymentMethodId,
      },
      ctx(order.customerId),
      'order_not_delivered',
      [order.customerId],
    );
    await expectRefused(
      'exchange_delivered_order_items',
      {
        order_id: order.id,
        item_ids: [item.itemId],
        new_item_ids: [item.itemId],
        payment_method_id: order.paymentHistory[0]!.paymentMethodId,
      },
      ctx(order.customerId),
      'order_not_delivered',
      [order.customerId],
    );
  });

  it('returns or exchanges once: a requested order is no longer delivered', async () => {
    const order = pick(c, 'delivered order', (o) => o.status === 'delivered');
    const paidWith = order.paymentHistory[0]!.paymentMethodId;
    const input = { order_id: order.id, item_ids: [order.items[0]!.itemId], payment_method_id: paidWith };
    await expectApplied('return_delivered_order_items', input, ctx(order.customerId));
    await expectRefused('return_delivered_order_items', input, ctx(order.customerId), 'order_not_delivered', [
      order.customerId,
    ]);
    await s.restore(order.customerId);
  });
});

describe('items', () => {
  const available = (productId: string, itemId: string) =>
    c.products.get(productId)?.variants.find((v) => v.itemId === itemId)?.available === true;
  // Two items or more, one of them still sold and with an option that is not.
  const delivered = () =>
    pick(
      c,
      'delivered order with an unavailable option',
      (o) =>
        o.status === 'delivered' &&
        o.items.length >= 2 &&
        o.items.some(
          (i) => available(i.productId, i.itemId) && otherVariant(c, i.productId, i.itemId, false),
        ),
    );
  const itemOf = (order: ReturnType<typeof delivered>) =>
    order.items.find(
      (i) => available(i.productId, i.itemId) && otherVariant(c, i.productId, i.itemId, false),
    )!;

  it('refuses an item that is not in the order, or listed more often than the order holds it', async () => {
    const order = delivered();
    const paidWith = order.paymentHistory[0]!.paymentMethodId;
    const me = [order.customerId];
    await expectRefused(
      'return_delivered_order_items',
      { order_id: order.id, item_ids: ['0000000000'], payment_method_id: paidWith },
      ctx(order.customerId),
      'item_not_in_order',
      me,
    );
    const single = order.items.find((i) => order.items.filter((j) => j.itemId === i.itemId).length === 1)!;
    await expectRefused(
      'return_delivered_order_items',
      { order_id: order.id, item_ids: [single.itemId, single.itemId], payment_method_id: paidWith },
      ctx(order.customerId),
      'item_not_in_order',
      me,
    );
  });

  it('needs one new item per item', async () => {
    const order = delivered();
    await expectRefused(
      'exchange_delivered_order_items',
      {
        order_id: order.id,
        item_ids: order.items.slice(0, 2).map((i) => i.itemId),
        new_item_ids: [order.items[0]!.itemId],
        payment_method_id: order.paymentHistory[0]!.paymentMethodId,
      },
      ctx(order.customerId),
      'item_count_mismatch',
      [order.customerId],
    );
  });

  it('refuses a new item of another product, an unavailable one, or the same item', async () => {
    const order = delivered();
    const item = itemOf(order);
    const paidWith = order.paymentHistory[0]!.paymentMethodId;
    const foreign = [...c.products.values()].find((p) => p.id !== item.productId)!.variants[0]!;
    const exchange = (newItemId: string) => ({
      order_id: order.id,
      item_ids: [item.itemId],
      new_item_ids: [newItemId],
      payment_method_id: paidWith,
    });
    const me = [order.customerId];
    expect(
      await expectRefused(
        'exchange_delivered_order_items',
        exchange(foreign.itemId),
        ctx(order.customerId),
        'item_not_in_product',
        me,
      ),
    ).toMatch(/same product/);
    await expectRefused(
      'exchange_delivered_order_items',
      exchange(otherVariant(c, item.productId, item.itemId, false)!.itemId),
      ctx(order.customerId),
      'item_unavailable',
      me,
    );
    expect(
      await expectRefused(
        'exchange_delivered_order_items',
        exchange(item.itemId),
        ctx(order.customerId),
        'item_unchanged',
        me,
      ),
    ).toMatch(/different option/);
    // A store scored against tau-bench accepts it, as the benchmark's answers do.
    const lenient = new PostgresStore(s.t.db, { policy: { allowUnchangedItems: true } });
    const outcome = await toolByName('exchange_delivered_order_items')!.run(
      lenient,
      exchange(item.itemId),
      ctx(order.customerId),
    );
    expect(outcome.ok).toBe(true);
    await s.restore(order.customerId);
  });
});

describe('payment methods', () => {
  it("refuses a payment method that is not the customer's", async () => {
    const order = pendingByCard();
    const foreign = [...c.customers.values()].find((cu) => cu.id !== order.customerId)!.paymentMethods[0]!.id;
    await expectRefused(
      'modify_pending_order_payment',
      { order_id: order.id, payment_method_id: foreign },
      ctx(order.customerId),
      'payment_method_not_found',
      [order.customerId],
    );
  });

  it('refuses to change the payment to the method already paying', async () => {
    const order = pendingByCard();
    await expectRefused(
      'modify_pending_order_payment',
      { order_id: order.id, payment_method_id: order.paymentHistory[0]!.paymentMethodId },
      ctx(order.customerId),
      'same_payment_method',
      [order.customerId],
    );
  });

  it('changes the payment of an order once it has a single payment, and not again', async () => {
    const order = pick(
      c,
      'pending order whose customer has two non-gift methods',
      (o, cu) =>
        o.status === 'pending' &&
        o.paymentHistory.length === 1 &&
        cu.paymentMethods.filter(
          (m) => m.kind !== 'gift_card' && m.id !== o.paymentHistory[0]!.paymentMethodId,
        ).length >= 1,
    );
    const customer = customerOf(c, order);
    const next = customer.paymentMethods.find(
      (m) => m.kind !== 'gift_card' && m.id !== order.paymentHistory[0]!.paymentMethodId,
    )!;
    await expectApplied(
      'modify_pending_order_payment',
      { order_id: order.id, payment_method_id: next.id },
      ctx(order.customerId),
    );
    await expectRefused(
      'modify_pending_order_payment',
      { order_id: order.id, payment_method_id: order.paymentHistory[0]!.paymentMethodId },
      ctx(order.customerId),
      'multiple_payments',
      [order.customerId],
    );
    await s.restore(order.customerId);
  });

  it('refuses a gift card that cannot cover the amount', async () => {
    const order = pick(
      c,
      'pending order and a gift card too small for it',
      (o, cu) =>
        o.status === 'pending' &&
        o.paymentHistory.length === 1 &&
        giftCards(cu).some(
          (g) => g.balance < o.paymentHistory[0]!.amount && g.id !== o.paymentHistory[0]!.paymentMethodId,
        ),
    );
    const card = giftCards(customerOf(c, order)).find((g) => g.balance < order.paymentHistory[0]!.amount)!;
    expect(
      await expectRefused(
        'modify_pending_order_payment',
        { order_id: order.id, payment_method_id: card.id },
        ctx(order.customerId),
        'insufficient_gift_card_balance',
        [order.customerId],
      ),
    ).toMatch(card.id);
  });

  it('refuses a gift card that cannot cover the price difference of an exchange', async () => {
    // The first delivered order with an item, a dearer available option and a gift card smaller than the gap.
    const found = c.orders
      .filter((o) => o.status === 'delivered')
      .flatMap((o) =>
        o.items.flatMap((item) =>
          (c.products.get(item.productId)?.variants ?? []).flatMap((v) =>
            giftCards(customerOf(c, o))
              .filter((g) => v.available && v.price > item.price && g.balance < v.price - item.price)
              .map((card) => ({ order: o, item, dearer: v, card })),
          ),
        ),
      )[0];
    if (!found) throw new Error('the demo store has no such exchange');
    const { order, item, dearer, card } = found;
    await expectRefused(
      'exchange_delivered_order_items',
      {
        order_id: order.id,
        item_ids: [item.itemId],
        new_item_ids: [dearer.itemId],
        payment_method_id: card.id,
      },
      ctx(order.customerId),
      'insufficient_gift_card_balance',
      [order.customerId],
    );
  });

  it('refunds a return only to the original method or a gift card', async () => {
    const order = pick(
      c,
      'delivered order whose customer has a gift card and another non-gift method',
      (o, cu) =>
        o.status === 'delivered' &&
        giftCards(cu).length > 0 &&
        cu.paymentMethods.some(
          (m) => m.kind !== 'gift_card' && m.id !== o.paymentHistory[0]!.paymentMethodId,
        ),
    );
    const customer = customerOf(c, order);
    const elsewhere = customer.paymentMethods.find(
      (m) => m.kind !== 'gift_card' && m.id !== order.paymentHistory[0]!.paymentMethodId,
    )!;
    expect(
      await expectRefused(
        'return_delivered_order_items',
        { order_id: order.id, item_ids: [order.items[0]!.itemId], payment_method_id: elsewhere.id },
        ctx(order.customerId),
        'refund_method_not_allowed',
        [order.customerId],
      ),
    ).toMatch(/original payment method/);
    const card = giftCards(customer)[0]!;
    const returned = (await expectApplied(
      'return_delivered_order_items',
      { order_id: order.id, item_ids: [order.items[0]!.itemId], payment_method_id: card.id },
      ctx(order.customerId),
    )) as { returnRequest: unknown };
    expect(returned.returnRequest).toEqual({ itemIds: [order.items[0]!.itemId], paymentMethodId: card.id });
    await s.restore(order.customerId);
  });
});
