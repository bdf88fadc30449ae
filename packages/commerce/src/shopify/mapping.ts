import type {
  Address,
  Customer,
  Order,
  OrderItem,
  PaymentMethod,
  PaymentTransaction,
  Product,
} from '../types.js';
import { ORDER_STATUS } from '../types.js';

// Shopify's objects (the fields the queries in queries.ts select) and how they become the store's records.
// Ids are Shopify's global ids (gid://shopify/...), except an order, which a customer knows by its name
// (e.g. "#1001"). An order line of quantity n becomes n items with the variant's id as item id.

export interface ShopifyAddress {
  id?: string;
  address1: string | null;
  address2: string | null;
  city: string | null;
  provinceCode: string | null;
  zip: string | null;
  countryCodeV2: string | null;
}

interface Money {
  amount: string;
}

export interface ShopifyCustomer {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  defaultAddress: ShopifyAddress | null;
  paymentMethods: {
    nodes: Array<{
      id: string;
      instrument: { __typename: string; brand?: string; lastDigits?: string } | null;
    }>;
  };
  orders: { nodes: Array<{ name: string }> };
}

export interface ShopifyGiftCard {
  id: string;
  balance: Money;
}

export interface ShopifyOrder {
  id: string;
  name: string;
  customer: { id: string } | null;
  cancelledAt: string | null;
  displayFulfillmentStatus: string;
  shippingAddress: ShopifyAddress | null;
  lineItems: {
    nodes: Array<{
      id: string;
      name: string;
      quantity: number;
      variant: { id: string; selectedOptions: Array<{ name: string; value: string }> } | null;
      product: { id: string } | null;
      originalUnitPriceSet: { shopMoney: Money };
    }>;
  };
  fulfillments: Array<{
    displayStatus: string | null;
    trackingInfo: Array<{ number: string | null }>;
    fulfillmentLineItems: { nodes: Array<{ id: string; quantity: number; lineItem: { id: string } }> };
  }>;
  transactions: Array<{
    kind: string;
    status: string;
    gateway: string | null;
    amountSet: { shopMoney: Money };
  }>;
  returns: { nodes: Array<{ status: string }> };
}

export interface ShopifyProduct {
  id: string;
  title: string;
  variants: {
    nodes: Array<{
      id: string;
      price: string;
      availableForSale: boolean;
      selectedOptions: Array<{ name: string; value: string }>;
    }>;
  };
}

export function toAddress(a: ShopifyAddress | null): Address {
  return {
    line1: a?.address1 ?? '',
    line2: a?.address2 ?? '',
    city: a?.city ?? '',
    state: a?.provinceCode ?? '',
    zip: a?.zip ?? '',
    country: a?.countryCodeV2 ?? '',
  };
}

/** Shopify wants ISO codes; the demo store writes 'USA'. */
export function toMailingAddressInput(a: Address): Record<string, string> {
  const country = /^(usa|united states( of america)?)$/i.test(a.country) ? 'US' : a.country.toUpperCase();
  return {
    address1: a.line1,
    address2: a.line2,
    city: a.city,
    provinceCode: a.state,
    zip: a.zip,
    countryCode: country,
  };
}

export function toCustomer(c: ShopifyCustomer, giftCards: ShopifyGiftCard[]): Customer {
  const methods: PaymentMethod[] = c.paymentMethods.nodes.flatMap((m): PaymentMethod[] => {
    switch (m.instrument?.__typename) {
      case 'CustomerCreditCard':
        return [
          {
            id: m.id,
            kind: 'credit_card',
            brand: m.instrument.brand ?? '',
            lastFour: m.instrument.lastDigits ?? '',
          },
        ];
      case 'CustomerPaypalBillingAgreement':
        return [{ id: m.id, kind: 'paypal' }];
      default:
        return [];
    }
  });
  for (const g of giftCards) methods.push({ id: g.id, kind: 'gift_card', balance: Number(g.balance.amount) });
  const firstName = c.firstName ?? '';
  const lastName = c.lastName ?? '';
  return {
    id: c.id,
    firstName,
    lastName,
    name: `${firstName} ${lastName}`.trim(),
    email: c.email ?? '',
    address: toAddress(c.defaultAddress),
    paymentMethods: methods,
    orderIds: c.orders.nodes.map((o) => o.name).sort(),
  };
}

const OPEN_RETURN = new Set(['REQUESTED', 'OPEN']);

export function orderStatus(o: ShopifyOrder): string {
  if (o.cancelledAt) return ORDER_STATUS.cancelled;
  if (o.returns.nodes.some((r) => OPEN_RETURN.has(r.status))) return ORDER_STATUS.returnRequested;
  if (o.fulfillments.some((f) => f.displayStatus === 'DELIVERED')) return ORDER_STATUS.delivered;
  if (o.displayFulfillmentStatus === 'UNFULFILLED') return ORDER_STATUS.pending;
  return ORDER_STATUS.processed;
}

export function toOrder(o: ShopifyOrder): Order {
  const variantOfLine = new Map(o.lineItems.nodes.map((l) => [l.id, l.variant?.id ?? l.id]));
  const items: OrderItem[] = o.lineItems.nodes.flatMap((l) =>
    Array.from({ length: l.quantity }, () => ({
      name: l.name,
      productId: l.product?.id ?? '',
      itemId: l.variant?.id ?? l.id,
      price: Number(l.originalUnitPriceSet.shopMoney.amount),
      options: Object.fromEntries((l.variant?.selectedOptions ?? []).map((s) => [s.name, s.value])),
    })),
  );
  const history: PaymentTransaction[] = o.transactions.flatMap((t): PaymentTransaction[] => {
    if (t.status !== 'SUCCESS') return [];
    const amount = Number(t.amountSet.shopMoney.amount);
    const paymentMethodId = t.gateway ?? 'unknown';
    if (t.kind === 'SALE' || t.kind === 'CAPTURE') return [{ type: 'payment', amount, paymentMethodId }];
    if (t.kind === 'REFUND') return [{ type: 'refund', amount, paymentMethodId }];
    return [];
  });
  return {
    id: o.name,
    customerId: o.customer?.id ?? '',
    status: orderStatus(o),
    items,
    fulfillments: o.fulfillments.map((f) => ({
      trackingIds: f.trackingInfo.flatMap((t) => (t.number ? [t.number] : [])),
      itemIds: f.fulfillmentLineItems.nodes.flatMap((n) =>
        Array.from({ length: n.quantity }, () => variantOfLine.get(n.lineItem.id) ?? n.lineItem.id),
      ),
    })),
    paymentHistory: history,
    address: toAddress(o.shippingAddress),
  };
}

export function toProduct(p: ShopifyProduct): Product {
  return {
    id: p.id,
    name: p.title,
    variants: p.variants.nodes.map((v) => ({
      itemId: v.id,
      options: Object.fromEntries(v.selectedOptions.map((s) => [s.name, s.value])),
      available: v.availableForSale,
      price: Number(v.price),
    })),
  };
}

/**
 * The fulfillment lines to return for a list of item (variant) ids, one unit per listed id, or the first id
 * that no delivered line can supply.
 */
export function returnLines(
  o: ShopifyOrder,
  itemIds: string[],
):
  | { ok: true; lines: Array<{ fulfillmentLineItemId: string; quantity: number }> }
  | { ok: false; itemId: string } {
  const variantOfLine = new Map(o.lineItems.nodes.map((l) => [l.id, l.variant?.id ?? l.id]));
  const left = o.fulfillments.flatMap((f) =>
    f.fulfillmentLineItems.nodes.map((n) => ({
      id: n.id,
      variant: variantOfLine.get(n.lineItem.id),
      left: n.quantity,
    })),
  );
  const taken = new Map<string, number>();
  for (const itemId of itemIds) {
    const line = left.find((l) => l.variant === itemId && l.left > 0);
    if (!line) return { ok: false, itemId };
    line.left -= 1;
    taken.set(line.id, (taken.get(line.id) ?? 0) + 1);
  }
  return {
    ok: true,
    lines: [...taken].map(([fulfillmentLineItemId, quantity]) => ({ fulfillmentLineItemId, quantity })),
  };
}

/** Quoted for Shopify's search syntax (`name:"#1001"`). */
export function searchValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function numericId(gid: string): string {
  return gid.split('/').pop()?.split('?')[0] ?? gid;
}
