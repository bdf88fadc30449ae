import type {
  Address,
  Customer,
  Order,
  OrderItem,
  PaymentMethod,
  Product,
  Refusal,
  Store,
} from '@parley/commerce';
import type { Decision, OrderState } from '@parley/commerce/policy';
import {
  decideCancel,
  decideExchange,
  decideItems,
  decideOrderAddress,
  decidePayment,
  decideReturn,
  netPaid,
} from '@parley/commerce/policy';

// What a write would do, worked out from the store's current records by the same policy decisions the store runs
// when it executes, without changing anything: a refusal naming the rule (so the model can tell the customer),
// or the details to read back in plain words and the money it moves.

/** What a proposal carries of the store's reading: the details to read back, the money moved, a payment undone. */
export interface PreviewRead {
  summary: string;
  amountUsd?: number;
  reversesPayment?: boolean;
}

export type Preview = ({ ok: true } & PreviewRead) | { ok: false; refusal: Refusal };

/** The reading a proposal carries, without the verdict. */
export function readOf(preview: { ok: true } & PreviewRead): PreviewRead {
  const { ok: _ok, ...read } = preview;
  return read;
}

interface AddressInput {
  address1: string;
  address2: string;
  city: string;
  state: string;
  country: string;
  zip: string;
}
interface OrderInput {
  order_id: string;
}
type CancelInput = OrderInput & { reason: string };
type ItemsInput = OrderInput & { item_ids: string[]; new_item_ids: string[]; payment_method_id: string };
type PaymentInput = OrderInput & { payment_method_id: string };
type ReturnInput = OrderInput & { item_ids: string[]; payment_method_id: string };

const money = (n: number) => `$${n.toFixed(2)}`;
const refusal = (rule: Refusal['rule'], message: string): Preview => ({
  ok: false,
  refusal: { rule, message },
});

function toAddress(a: AddressInput): Address {
  return {
    line1: a.address1,
    line2: a.address2,
    city: a.city,
    state: a.state,
    zip: a.zip,
    country: a.country,
  };
}

function addressLine(a: Address): string {
  return [a.line1, a.line2, a.city, `${a.state} ${a.zip}`.trim(), a.country]
    .map((p) => p.trim())
    .filter(Boolean)
    .join(', ');
}

/** "the Visa card ending 1234", "PayPal", "the gift card": how a customer knows their payment method. */
export function methodWords(id: string, methods: readonly PaymentMethod[]): string {
  const m = methods.find((x) => x.id === id);
  if (!m) return id;
  if (m.kind === 'credit_card') return `the ${m.brand} card ending ${m.lastFour}`;
  if (m.kind === 'paypal') return 'PayPal';
  return 'the gift card';
}

function itemWords(item: { name: string; options: Record<string, string> }): string {
  const options = Object.entries(item.options)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');
  return options ? `${item.name} (${options})` : item.name;
}

function list(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** The order's items under these ids, an id listed twice naming two of that item. */
function itemsOf(order: Order, itemIds: readonly string[]): OrderItem[] {
  const left = [...order.items];
  return itemIds.flatMap((id) => {
    const at = left.findIndex((i) => i.itemId === id);
    return at < 0 ? [] : left.splice(at, 1);
  });
}

/** The new variant, its options in the order the item's own are read (so each old value stands by its new one). */
function variantOf(products: ReadonlyMap<string, Product>, item: OrderItem, newItemId: string) {
  const v = products.get(item.productId)?.variants.find((x) => x.itemId === newItemId);
  const options = v?.options ?? {};
  const keys = [...Object.keys(item.options), ...Object.keys(options)].filter((k) => k in options);
  return { name: item.name, options: Object.fromEntries([...new Set(keys)].map((k) => [k, options[k]!])) };
}

function swaps(order: Order, input: ItemsInput, products: ReadonlyMap<string, Product>): string {
  const old = itemsOf(order, input.item_ids);
  return list(
    old.map(
      (item, j) =>
        `${itemWords(item)} for ${itemWords(variantOf(products, item, input.new_item_ids[j] ?? ''))}`,
    ),
  );
}

/** The difference paid or refunded on a method, in words (the method named even when there is none). */
function difference(amount: number, method: string): string {
  if (Math.abs(amount) < 0.005) return ` There is no price difference (payment method: ${method}).`;
  return amount > 0
    ? ` The price difference of ${money(amount)} is charged to ${method}.`
    : ` The price difference of ${money(-amount)} is refunded to ${method}.`;
}

/** Reads a store's records the policy decides on; a refusal when the customer or order is not there. */
async function orderState(
  store: Store,
  customerId: string,
  orderId: string,
): Promise<{ ok: true; state: OrderState; customer: Customer } | { ok: false; preview: Preview }> {
  const customer = await store.getCustomer(customerId);
  if (!customer)
    return { ok: false, preview: refusal('customer_not_found', `User ${customerId} does not exist.`) };
  const order = await store.getOrder(orderId);
  if (!order) return { ok: false, preview: refusal('order_not_found', `Order ${orderId} does not exist.`) };
  return { ok: true, customer, state: { customerId, order, paymentMethods: customer.paymentMethods } };
}

async function productsOf(store: Store, order: Order): Promise<Map<string, Product>> {
  const found = await store.getProducts(order.items.map((i) => i.productId));
  return new Map(found.map((p) => [p.id, p]));
}

function refused(decision: Decision): Preview | null {
  return decision.ok ? null : { ok: false, refusal: decision.refusal };
}

/**
 * Works out what `tool` with this (validated) input would do for the customer, from the store's records and the
 * store's own policy decisions. Nothing is written.
 */
export async function previewWrite(
  store: Store,
  tool: string,
  input: Record<string, unknown>,
  customerId: string,
): Promise<Preview> {
  if (tool === 'modify_user_address') {
    const a = input as unknown as AddressInput & { user_id: string };
    if (a.user_id !== customerId) {
      return refusal('other_customer', 'Only the address of the customer writing in can be changed.');
    }
    return { ok: true, summary: `Change your default address to ${addressLine(toAddress(a))}.` };
  }
  const { order_id: orderId } = input as unknown as OrderInput;
  const read = await orderState(store, customerId, orderId);
  if (!read.ok) return read.preview;
  const { state, customer } = read;
  const { order } = state;
  const methods = customer.paymentMethods;
  // Money sent back to a method, no more than it has paid for this order net of refunds, undoes a payment
  // (`ActionProposal.reversesPayment`); a method already refunded in full paid nothing to undo.
  const net = new Map(netPaid(order.paymentHistory).map((n) => [n.paymentMethodId, n.amount]));
  const undoes = (methodId: string, amount: number) => amount <= (net.get(methodId) ?? 0) + 0.005;
  // Order-level actions name the items; item-level ones (below) add each item's options.
  const items = list(order.items.map((i) => i.name));
  switch (tool) {
    case 'cancel_pending_order': {
      const i = input as unknown as CancelInput;
      const d = decideCancel(state, { orderId, reason: i.reason });
      if (!d.ok) return refused(d)!;
      const refunds = d.change.order.paymentHistory.slice(order.paymentHistory.length);
      const total = refunds.reduce((n, r) => n + r.amount, 0);
      const back = refunds.map((r) => `${money(r.amount)} to ${methodWords(r.paymentMethodId, methods)}`);
      return {
        ok: true,
        summary: `Cancel order ${order.id} (${items}), reason: ${i.reason}.${back.length ? ` Refund: ${list(back)}.` : ''}`,
        amountUsd: total,
        reversesPayment: refunds.every((r) => undoes(r.paymentMethodId, r.amount)),
      };
    }
    case 'modify_pending_order_address': {
      const address = toAddress(input as unknown as AddressInput);
      const d = decideOrderAddress(state, { orderId, address });
      if (!d.ok) return refused(d)!;
      return { ok: true, summary: `Ship order ${order.id} (${items}) to ${addressLine(address)}.` };
    }
    case 'modify_pending_order_items': {
      const i = input as unknown as ItemsInput;
      const products = await productsOf(store, order);
      const request = {
        orderId,
        itemIds: i.item_ids,
        newItemIds: i.new_item_ids,
        paymentMethodId: i.payment_method_id,
      };
      const d = decideItems(state, request, products);
      if (!d.ok) return refused(d)!;
      const settlement = d.change.order.paymentHistory.at(-1)!;
      const signed = settlement.type === 'payment' ? settlement.amount : -settlement.amount;
      return {
        ok: true,
        summary: `In order ${order.id}, change ${swaps(order, i, products)}.${difference(signed, methodWords(i.payment_method_id, methods))} Items in an order can be changed only once.`,
        amountUsd: settlement.amount,
      };
    }
    case 'modify_pending_order_payment': {
      const i = input as unknown as PaymentInput;
      const d = decidePayment(state, { orderId, paymentMethodId: i.payment_method_id });
      if (!d.ok) return refused(d)!;
      const [original] = order.paymentHistory;
      return {
        ok: true,
        summary: `Pay order ${order.id} (${money(original!.amount)}) with ${methodWords(i.payment_method_id, methods)} instead of ${methodWords(original!.paymentMethodId, methods)}, which is refunded.`,
        amountUsd: original!.amount,
      };
    }
    case 'return_delivered_order_items': {
      const i = input as unknown as ReturnInput;
      const d = decideReturn(state, { orderId, itemIds: i.item_ids, paymentMethodId: i.payment_method_id });
      if (!d.ok) return refused(d)!;
      const returned = itemsOf(order, i.item_ids);
      const total = returned.reduce((n, item) => n + item.price, 0);
      return {
        ok: true,
        summary: `Return ${list(returned.map(itemWords))} from order ${order.id}. The refund of ${money(total)} goes to ${methodWords(i.payment_method_id, methods)} once the items arrive.`,
        amountUsd: total,
        reversesPayment: undoes(i.payment_method_id, total),
      };
    }
    case 'exchange_delivered_order_items': {
      const i = input as unknown as ItemsInput;
      const products = await productsOf(store, order);
      const request = {
        orderId,
        itemIds: i.item_ids,
        newItemIds: i.new_item_ids,
        paymentMethodId: i.payment_method_id,
      };
      const d = decideExchange(state, request, products);
      if (!d.ok) return refused(d)!;
      const diff = d.change.order.exchangeRequest?.priceDifference ?? 0;
      return {
        ok: true,
        summary: `In order ${order.id}, exchange ${swaps(order, i, products)}.${difference(diff, methodWords(i.payment_method_id, methods))}`,
        amountUsd: Math.abs(diff),
      };
    }
    default:
      throw new Error(`${tool} is not a write this preview knows`);
  }
}
