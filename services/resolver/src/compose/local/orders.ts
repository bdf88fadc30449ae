import type { CustomerContext, Fact, OrderFacts, Passage } from '@parley/contracts';
import {
  EVERY_ORDER_UP_TO,
  refundDue,
  asksEveryOrder,
  orderIdsIn,
  orderNamedByItems,
  ORDERS_LISTED_UP_TO,
  readOrderQuestion,
} from '@parley/wording';
import { passageUnits } from '../text.js';

const bare = (id: string) => id.replace(/^#/, '').toUpperCase();

/** Order ids the customer wrote, in order of appearance, as `#W1234567` (read as retrieval and the gate read them). */
export function namedOrderIds(text: string): string[] {
  return orderIdsIn(text);
}

export type OrderTarget =
  { kind: 'orders'; orders: OrderFacts[] } | { kind: 'ask'; choices: OrderFacts[] } | { kind: 'none' };

/**
 * Which of the customer's own orders the question is about: the one picked from the list the previous reply
 * offered (`picked`, `orderPickedFromList`), else the ones named, else the only one, else the one holding the
 * items named, else, for a status question (`status`) from a sender with a few orders, every one
 * (`asksEveryOrder`), else ask. Orders named but not owned are never looked at here: the caller says it cannot
 * share them. A message about someone else's order ("my wife's order") that names none is not taken to mean
 * the sender's only order.
 */
export function targetOrders(
  text: string,
  customer: CustomerContext | null,
  {
    status = false,
    picked,
    refunds = false,
  }: { status?: boolean; picked?: string | undefined; refunds?: boolean } = {},
): OrderTarget {
  if (!customer || customer.orders.length === 0) return { kind: 'none' };
  const pick = picked ? customer.orders.find((o) => bare(o.orderId) === bare(picked)) : undefined;
  if (pick) return { kind: 'orders', orders: [pick] };
  const named = namedOrderIds(text);
  const owned = customer.orders.filter((o) => named.includes(`#${bare(o.orderId)}`));
  if (owned.length > 0) return { kind: 'orders', orders: owned.slice(0, 3) };
  if (named.length > 0) return { kind: 'none' };
  if (readOrderQuestion(text).someoneElse)
    return { kind: 'ask', choices: customer.orders.slice(0, ORDERS_LISTED_UP_TO) };
  if (customer.orders.length === 1) return { kind: 'orders', orders: customer.orders };
  // "my order with the laptop and espresso machine": the one order holding what they name.
  const byItems = orderNamedByItems(text, customer.orders);
  if (byItems) return { kind: 'orders', orders: [byItems] };
  // "where is my refund?": the orders a refund is or was due on (cancelled, or with a return requested), each
  // with what was refunded, when there are only a few.
  const refundable = refunds ? customer.orders.filter(refundDue) : [];
  if (refundable.length > 0 && refundable.length <= EVERY_ORDER_UP_TO)
    return { kind: 'orders', orders: refundable };
  if (status && asksEveryOrder(readOrderQuestion(text), customer.orders.length)) {
    return { kind: 'orders', orders: customer.orders };
  }
  return { kind: 'ask', choices: customer.orders.slice(0, ORDERS_LISTED_UP_TO) };
}

export function unownedNamed(text: string, customer: CustomerContext | null): string[] {
  const unowned = new Set((customer?.unownedOrderIds ?? []).map(bare));
  const owned = new Set((customer?.orders ?? []).map((o) => bare(o.orderId)));
  // Without a matched customer, no order named in the ticket is theirs to see.
  return namedOrderIds(text).filter((id) => unowned.has(bare(id)) || (!customer && !owned.has(bare(id))));
}

/** The statuses an order can have in the store, as the help centre names them. */
const STORE_STATUSES = new Set(['pending', 'processed', 'delivered', 'cancelled']);

/**
 * The passages that define the store's order statuses: rows or items labelled with at least two of them (the
 * help centre's status table). A single matching label elsewhere is often another thing of the same name (a
 * carrier's "Delivered" scan on the tracking page), so a status is explained only from such a definition.
 */
export function statusDefinitions(passages: readonly Passage[]): Passage[] {
  return passages.filter((p) => {
    const labels = new Set(passageUnits(p.text).map((u) => u.label?.toLowerCase()));
    return [...STORE_STATUSES].filter((s) => labels.has(s)).length >= 2;
  });
}

export function displayId(order: OrderFacts): string {
  return `#${bare(order.orderId)}`;
}

export function orderFacts(order: OrderFacts): Fact[] {
  const ref = displayId(order);
  const facts: Fact[] = [{ source: 'order', ref, field: 'orderId', value: ref }];
  facts.push({ source: 'order', ref, field: 'status', value: order.status });
  if (order.items.length > 0) facts.push({ source: 'order', ref, field: 'items', value: itemList(order) });
  if (order.trackingIds.length > 0) {
    facts.push({ source: 'order', ref, field: 'trackingIds', value: order.trackingIds.join(', ') });
  }
  facts.push({ source: 'order', ref, field: 'refunds', value: refundList(order) ?? 'no refund issued' });
  return facts;
}

/** "$500.00 to the Visa card ending 4242 and $36.65 to the gift card"; undefined when none was issued. */
export function refundList(order: OrderFacts): string | undefined {
  const parts = (order.refunds ?? []).map((r) => `$${r.amount.toFixed(2)} to ${r.method}`);
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

export function itemList(order: OrderFacts): string {
  const names = order.items.map((i) => i.name);
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

export type OrderAction =
  'cancel_order' | 'modify_order' | 'change_address' | 'return_request' | 'exchange_request';

interface ActionRule {
  /** The tool the agent would run once the customer confirms. */
  tool: string;
  /** Statuses (lower-case, exact) the action is possible in. */
  allowed: string[];
  /** "it can be ___" / "it can no longer be ___". */
  verb: string;
}

/** Eligibility by status, as the help centre states it (only pending orders can be cancelled, ...). */
export const ACTION_RULES: Record<OrderAction, ActionRule> = {
  cancel_order: { tool: 'cancel_order', allowed: ['pending'], verb: 'cancelled' },
  modify_order: { tool: 'modify_order_items', allowed: ['pending'], verb: 'changed' },
  change_address: { tool: 'update_address', allowed: ['pending'], verb: 'sent to a different address' },
  return_request: { tool: 'return_items', allowed: ['delivered'], verb: 'returned' },
  exchange_request: { tool: 'exchange_items', allowed: ['delivered'], verb: 'exchanged' },
};

/**
 * The action whose rule answers a question about swapping an item (`swapsItems`): a change of items on a pending
 * order, an exchange on a delivered one, whichever of the two the router read. "The keyboard from #W... is 80%,
 * can I swap it for 60%?" on a delivered order was answered "it can no longer be changed"; it can be exchanged.
 */
export function itemsRuleFor(action: OrderAction, order: OrderFacts, swapsItems: boolean): OrderAction {
  if (!swapsItems || (action !== 'modify_order' && action !== 'exchange_request')) return action;
  const status = order.status.toLowerCase();
  if (status === 'delivered') return 'exchange_request';
  return status === 'pending' ? 'modify_order' : action;
}

export function isOrderAction(intent: string): intent is OrderAction {
  return Object.hasOwn(ACTION_RULES, intent);
}

export function eligible(action: OrderAction, order: OrderFacts): boolean {
  return ACTION_RULES[action].allowed.includes(order.status.toLowerCase());
}

/**
 * Whether the order's status allows the action, as a sentence: "it can be returned", "it can no longer be
 * cancelled" once past the statuses that allow it, and "it cannot be returned yet" before them (a return or an
 * exchange of an order not delivered yet: it can be, once it arrives).
 */
export function ruleSentence(action: OrderAction, order: OrderFacts): string {
  const { verb, allowed } = ACTION_RULES[action];
  const status = order.status.toLowerCase();
  if (eligible(action, order)) return `Because it is ${order.status}, it can be ${verb}.`;
  const notYet = allowed.includes('delivered') && (status === 'pending' || status === 'processed');
  return notYet
    ? `Because it is ${order.status}, it cannot be ${verb} yet.`
    : `Because it is ${order.status}, it can no longer be ${verb}.`;
}
