import { orderIdsIn } from '@parley/contracts';
import type { Address, Order } from '@parley/commerce';
import { chooseOrder } from './choose-order.js';
import {
  addressIn,
  cancelReason,
  namedPayment,
  originalMethod,
  payingMethod,
  unitCorrected,
} from './details.js';
import { itemPassage, namedItems } from './items.js';
import { orderPassage } from './order-passage.js';
import { asksForOtherProduct } from './other-product.js';
import { requestedItems } from './requested-items.js';
import type { Requested } from './request.js';
import { settle } from './request.js';
import type { Account, Missing, Plan, WriteKind } from './types.js';
import { TOOL_OF } from './types.js';
import { chooseVariant } from './variants.js';
import type { Similarity } from './words.js';

export interface PlanInput {
  requested: Requested;
  /** The customer's messages about this request, oldest first. */
  messages: readonly string[];
  account: Account;
  similar?: Similarity;
  /** Mends misspellings in what is read for choices; an address is copied as the customer wrote it. */
  mend?: (text: string) => string;
  /** The orders the previous reply offered to choose from, in its order (`RequestWindow.offered`). */
  offered?: readonly string[];
  /** Orders the conversation named before this request, most recent first (`RequestWindow.earlier`). */
  earlier?: readonly string[];
}

const addressInput = (a: Address) => ({
  address1: a.line1,
  address2: a.line2,
  city: a.city,
  state: a.state,
  country: a.country,
  zip: a.zip,
});

/** "the same address as order #W123...": that order's address, when it is the customer's. */
function addressOfNamedOrder(text: string, orders: readonly Order[]): Address | undefined {
  const named = /\bsame (?:address )?as (?:(?:my |the )?order )?(\S+)/i.exec(text)?.[1];
  const id = named ? orderIdsIn(named)[0] : undefined;
  return id ? orders.find((o) => o.id === id)?.address : undefined;
}

function ask(write: Requested | undefined, missing: Missing, order?: Order): Plan {
  return { kind: 'ask', ...(write && isWrite(write) ? { write } : {}), missing, ...(order ? { order } : {}) };
}

const WRITES = new Set<string>(Object.keys(TOOL_OF));
const isWrite = (w: Requested): w is WriteKind => WRITES.has(w);

function propose(write: WriteKind, input: Record<string, unknown>, order?: Order): Plan {
  return { kind: 'propose', write, tool: TOOL_OF[write], input, ...(order ? { order } : {}) };
}

/**
 * Fills the arguments of the write the customer asks for from their own records and their words, as an agent
 * following the store's policy would: the write to propose, or the one thing still to ask for, or the rule
 * that refuses it. Pure: the caller loads the account and checks the proposal against the store's policy.
 */
export function planWrite({
  requested,
  messages: written,
  account,
  similar,
  mend,
  offered,
  earlier,
}: PlanInput): Plan {
  const all = mend ? written.map(mend) : written;
  const { customer } = account;
  if (requested === 'user_address') {
    const address = addressIn(written.join('\n'));
    if (!address) return ask('user_address', 'address');
    return propose('user_address', { user_id: customer.id, ...addressInput(address) });
  }
  const choice = chooseOrder(all, account.orders, requested, similar, offered, earlier);
  if (choice.kind === 'ask') {
    return {
      kind: 'ask',
      ...(isWrite(requested) ? { write: requested } : {}),
      missing: 'order',
      orders: choice.orders,
    };
  }
  const order = choice.order;
  // The details of this order's request only, when a message asks for things about several orders.
  const messages = all.map((m) => orderPassage(m, order.id));
  const text = messages.join('\n');
  const asWritten = written.map((m) => orderPassage(m, order.id)).join('\n');
  const write = settle(requested, order.status, text) ?? (isWrite(requested) ? requested : undefined);
  if (choice.kind === 'refuse') {
    return { kind: 'refuse', write: write ?? 'cancel', rule: choice.rule, order };
  }
  if (!write) return ask(requested, 'write', order);
  const methods = customer.paymentMethods;
  const orderId = order.id;
  switch (write) {
    case 'cancel': {
      if (asksSingleItemCancel(messages, order, similar))
        return { kind: 'refuse', write, rule: 'cancel_whole_order', order };
      const reason = cancelReason(text);
      return reason ? propose(write, { order_id: orderId, reason }, order) : ask(write, 'reason', order);
    }
    case 'order_address': {
      const address =
        addressIn(asWritten) ??
        addressOfNamedOrder(asWritten, account.orders) ??
        unitCorrected(asWritten, order.address);
      return address
        ? propose(write, { order_id: orderId, ...addressInput(address) }, order)
        : ask(write, 'address', order);
    }
    case 'order_payment': {
      const current = payingMethod(order);
      const method = namedPayment(text, methods, current);
      if (method && method !== 'original')
        return propose(write, { order_id: orderId, payment_method_id: method.id }, order);
      // The method named is the one the order is already paid with: a change must be to another one.
      const named = namedPayment(text, methods);
      if (named && named !== 'original' && named.id === current)
        return { kind: 'refuse', write, rule: 'same_payment_method', order };
      return ask(write, 'payment', order);
    }
    case 'return': {
      const named = requestedItems(messages, order.items, similar);
      // An order of one item has nothing to choose: returning it is returning that item (the read-back names it).
      const items = named?.length ? named : order.items.length === 1 ? [0] : [];
      if (items.length === 0) return ask(write, 'items', order);
      const method = refundMethod(text, account, order);
      if (!method) return ask(write, 'payment', order);
      return propose(
        write,
        { order_id: orderId, item_ids: items.map((i) => order.items[i]!.itemId), payment_method_id: method },
        order,
      );
    }
    case 'order_items':
    case 'exchange':
      return planSwap(write, messages, account, order, similar);
    case 'user_address':
      return ask(write, 'address');
  }
}

/** Words that ask to drop only some items: "just cancel that one item", "take the mat off my order". */
const SOME_ITEMS =
  /\b(?:(?:just|only) (?:cancel )?(?:that|this|the|one) (?:one )?item|cancel (?:one|a single|just one|only one|that one) item|(?:take|remove|drop) (?:\w+ ){0,4}?(?:off|out of|from) (?:my|the|this) order)\b|\bcancel (?:just |only )?one(?: of (?:them|those|these|the (?!orders?\b)\w+))?(?=\s*(?:[?.!,;]|$))/im;

/**
 * The customer asks to cancel some of an order's items and keep the rest: the store cancels whole orders only,
 * so the answer is the rule (keep the order and return the item, or cancel all and order again), not a
 * cancellation of everything.
 */
function asksSingleItemCancel(messages: readonly string[], order: Order, similar?: Similarity): boolean {
  // With one item, dropping it is cancelling the order.
  if (order.items.length < 2) return false;
  return messages.some((m) => SOME_ITEMS.test(m) || cancelsNamedItems(m, order, similar));
}

/** What a cancellation is of: the words after the verb, to the end of the clause. */
const CANCEL_OBJECT = /\bcancel(?:l?ed|l?ing|s)?\s+([^.!?,;\n]{1,60})/gi;
/** The order itself as the object, however named: "my order", "#W...", "it", "everything", "the whole thing". */
const WHOLE_ORDER =
  /^(?:(?:my|the|this|that|your|our|an?)\s+)?(?:whole\s+|entire\s+|full\s+)?(?:order|purchase|#?w\d|it\b|them\b|everything|all\b|thing\b)/i;
/** Where an object naming items ends and the order they are in begins: "the charger from my order". */
const FROM_THE_ORDER = /\b(?:from|in|on|off|out of|of)\b/i;

/**
 * The cancellation names some of the order's items as what is cancelled ("pls cancel the portable charger from my
 * order", "cancel the lamp"), not the order by its items ("cancel my portable charger order", "cancel the order
 * with the lamp").
 */
function cancelsNamedItems(message: string, order: Order, similar?: Similarity): boolean {
  for (const m of message.matchAll(CANCEL_OBJECT)) {
    const object = m[1]!.trim();
    const head = object.split(FROM_THE_ORDER)[0]!;
    if (WHOLE_ORDER.test(object) || /\b(?:orders?|purchases?)\b/i.test(head)) continue;
    const named = namedItems(head, order.items, similar);
    if (named.length > 0 && named.length < order.items.length) return true;
  }
  return false;
}

/** A refund goes to the original payment method or one of the customer's gift cards (the store's policy). */
function refundMethod(text: string, account: Account, order: Order): string | undefined {
  const methods = account.customer.paymentMethods;
  const original = originalMethod(order);
  const named = namedPayment(text, methods);
  if (named === 'original') return original;
  if (named) return named.id;
  // With no gift card the original method is the only place a refund can go.
  return methods.some((m) => m.kind === 'gift_card') ? undefined : original;
}

function planSwap(
  write: 'order_items' | 'exchange',
  messages: readonly string[],
  account: Account,
  order: Order,
  similar?: Similarity,
): Plan {
  const text = messages.join('\n');
  if (asksForOtherProduct(messages, order, account.products, similar))
    return { kind: 'refuse', write, rule: 'same_product_only', order };
  const named = requestedItems(messages, order.items, similar);
  if (named === undefined) return ask(write, 'items', order);
  const items = named.length > 0 ? named : order.items.length === 1 ? [0] : [];
  if (items.length === 0) return ask(write, 'items', order);
  const newIds: string[] = [];
  const options: NonNullable<Extract<Plan, { kind: 'ask' }>['options']> = [];
  const passagesOf = new Map(
    items.map((i) => [i, messages.map((m) => itemPassage(m, i, order.items, similar))]),
  );
  for (const i of items) {
    const item = order.items[i]!;
    const product = account.products.get(item.productId);
    if (!product) return ask(write, 'new_items', order);
    const passages = passagesOf.get(i)!;
    // Two different items of one product the words cannot tell apart: which wish is whose is not ours to guess.
    const alike = items.some(
      (j) =>
        j !== i &&
        order.items[j]!.productId === item.productId &&
        order.items[j]!.itemId !== item.itemId &&
        passagesOf.get(j)!.join('\n') === passages.join('\n'),
    );
    if (alike) return ask(write, 'new_items', order);
    const choice = chooseVariant(passages, item, product);
    if (choice.kind === 'found') newIds.push(choice.variant.itemId);
    else for (const o of choice.options) options.push({ item: item.name, ...o });
  }
  if (options.length > 0) return { kind: 'ask', write, missing: 'new_items', order, options };
  const methods = account.customer.paymentMethods;
  const payment = namedPayment(text, methods);
  const method =
    payment === 'original'
      ? payingMethod(order)
      : (payment?.id ?? (methods.length === 1 ? methods[0]!.id : undefined));
  if (!method) return ask(write, 'payment', order);
  return propose(
    write,
    {
      order_id: order.id,
      item_ids: items.map((i) => order.items[i]!.itemId),
      new_item_ids: newIds,
      payment_method_id: method,
    },
    order,
  );
}
