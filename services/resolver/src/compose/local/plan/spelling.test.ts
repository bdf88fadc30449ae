import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Customer, Order, Product } from '@parley/commerce';
import { loadCustomers, loadOrders, loadProducts } from '@parley/demo-store';
import { orderWords, plannerMender } from './spelling.js';
import type { Account } from './types.js';

let account: Account;

beforeAll(async () => {
  const id = 'lucas_martin_4549';
  const customer = ((await loadCustomers()) as Customer[]).find((c) => c.id === id)!;
  const orders = ((await loadOrders()) as Order[]).filter((o) => o.customerId === id);
  const ids = new Set(orders.flatMap((o) => o.items.map((i) => i.productId)));
  const products = new Map(
    ((await loadProducts()) as Product[]).filter((p) => ids.has(p.id)).map((p) => [p.id, p]),
  );
  account = { customer, orders, products };
});

// A dictionary without "hepa" in which "heap" is common, as general English is.
const ranks: Record<string, number> = { heap: 9000, gift: 2000, card: 900, filter: 3000, type: 400 };
const rank = (w: string) => ranks[w];

describe('plannerMender', () => {
  it("keeps the words of the customer's products, and reads a misspelling of one as it", () => {
    expect(orderWords(account)).toContain('hepa');
    expect(plannerMender(rank)('filter type HEPA')).toBe('filter type heap');
    expect(plannerMender(rank, account)('filter type HEPA')).toBe('filter type HEPA');
    expect(plannerMender(rank, account)('filter type hepaa')).toBe('filter type hepa');
  });

  it('reads a misspelt payment method', () => {
    expect(plannerMender(rank)('my gidt card or paypall')).toBe('my gift card or paypal');
  });
});
