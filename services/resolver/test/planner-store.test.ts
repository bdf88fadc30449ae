import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Customer, Order, Product } from '@parley/commerce';
import { loadCustomers, loadOrders, loadProducts } from '@parley/demo-store';
import { loadAccount } from '../src/compose/local/plan/account.js';
import { planWrite } from '../src/compose/local/plan/plan.js';
import type { Account } from '../src/compose/local/plan/types.js';
import type { DemoStore } from './demo-store.js';
import { demoStore } from './demo-store.js';

// The planner reads the sender's account from the store the service runs on (Postgres); it must plan exactly as
// over the demo store's files. Postgres hands an object's keys back shortest first, so anything that depends on
// the order of a variant's options differs between the two.

let demo: DemoStore;
let fromFiles: Account;
const USER = 'omar_muller_7891';

beforeAll(async () => {
  demo = await demoStore('planner_store');
  const customer = ((await loadCustomers()) as Customer[]).find((c) => c.id === USER)!;
  const orders = ((await loadOrders()) as Order[]).filter((o) => o.customerId === USER);
  const products = new Map(((await loadProducts()) as Product[]).map((p) => [p.id, p]));
  fromFiles = { customer, orders, products };
});
afterAll(() => demo.db.drop());

describe('the planner over the store in Postgres', () => {
  it('proposes the variant it proposes over the files, in the order the wishes were written', async () => {
    const stored = (await loadAccount(demo.store, USER))!;
    const kettle = stored.orders.find((o) => o.id === '#W6573840')!.items[0]!;
    // The condition that hid the defect: the store lists this item's options in another order than the files.
    expect(Object.keys(kettle.options)).not.toEqual(
      Object.keys(fromFiles.orders.find((o) => o.id === '#W6573840')!.items[0]!.options),
    );
    const messages = [
      "For #W6573840, I first wanted to exchange the Electric Kettle for a 1L black one, but I've changed my mind: I want the '1.5L' 'glass' electric kettle instead.",
    ];
    const inPostgres = planWrite({ requested: 'swap', messages, account: stored });
    const inFiles = planWrite({ requested: 'swap', messages, account: fromFiles });
    expect(inPostgres).toMatchObject({
      kind: 'propose',
      input: { order_id: '#W6573840', new_item_ids: ['9472539378'] },
    });
    expect(inPostgres.kind === 'propose' && inPostgres.input).toEqual(
      inFiles.kind === 'propose' && inFiles.input,
    );
  });
});
