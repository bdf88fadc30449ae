import { mkdtemp, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect } from '@jest/globals';
import { DEFAULT_DATA_DIR, loadCustomers, loadOrders, loadPolicy, loadProducts } from './store.js';

async function dirWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'demo-store-'));
  await Promise.all(Object.entries(files).map(([name, text]) => writeFile(join(dir, name), text)));
  return dir;
}

describe('seed data', () => {
  it('loads every record of the shipped files', async () => {
    const [customers, orders, products] = await Promise.all([loadCustomers(), loadOrders(), loadProducts()]);
    const raw = async (f: string) =>
      Object.keys(JSON.parse(await readFile(join(DEFAULT_DATA_DIR, f), 'utf8')) as object).length;
    expect(customers).toHaveLength(await raw('users.json'));
    expect(orders).toHaveLength(await raw('orders.json'));
    expect(products).toHaveLength(await raw('products.json'));
    expect(customers.length).toBeGreaterThan(0);
    expect(products.every((p) => p.variants.length > 0)).toBe(true);
  });

  it('normalises records into the documented shape', async () => {
    const order = (await loadOrders()).find((o) => o.id === '#W2611340');
    expect(order).toMatchObject({
      customerId: 'james_li_5688',
      status: 'processed',
      address: { line1: '215 River Road', city: 'New York', zip: '10083' },
      fulfillments: [{ trackingIds: ['357962501027'], itemIds: ['6469567736', '8426249116'] }],
      paymentHistory: [{ type: 'payment', amount: 536.65, paymentMethodId: 'gift_card_1725971' }],
    });
    expect(order?.items[0]).toEqual({
      name: 'Water Bottle',
      productId: '8310926033',
      itemId: '6469567736',
      price: 47.84,
      options: { capacity: '1000ml', material: 'glass', color: 'blue' },
    });
    const noah = (await loadCustomers()).find((c) => c.id === 'noah_brown_6181');
    expect(noah).toMatchObject({
      name: 'Noah Brown',
      email: 'noah.brown7922@example.com',
      orderIds: ['#W7678072'],
    });
    expect(noah?.paymentMethods).toContainEqual({
      id: 'credit_card_7815826',
      kind: 'credit_card',
      brand: 'mastercard',
      lastFour: '9212',
    });
  });

  it('is referentially consistent: customers, orders, catalogue and payment methods agree', async () => {
    const [customers, orders, products] = await Promise.all([loadCustomers(), loadOrders(), loadProducts()]);
    const byCustomer = new Map(customers.map((c) => [c.id, c]));
    const orderIds = new Set(orders.map((o) => o.id));
    const variants = new Map(products.map((p) => [p.id, new Set(p.variants.map((v) => v.itemId))]));
    const problems: string[] = [];
    for (const c of customers)
      for (const id of c.orderIds) if (!orderIds.has(id)) problems.push(`${c.id} lists unknown ${id}`);
    for (const o of orders) {
      const customer = byCustomer.get(o.customerId);
      if (!customer) problems.push(`${o.id}: unknown customer`);
      else if (!customer.orderIds.includes(o.id)) problems.push(`${o.id}: not in customer's orders`);
      for (const i of o.items)
        if (!variants.get(i.productId)?.has(i.itemId))
          problems.push(`${o.id}: item ${i.itemId} not in catalogue`);
      const methods = new Set(customer?.paymentMethods.map((pm) => pm.id));
      for (const t of o.paymentHistory)
        if (!methods.has(t.paymentMethodId)) problems.push(`${o.id}: foreign payment method`);
    }
    expect(problems).toEqual([]);
  });

  it('ships the customer tasks: each names a customer of the store and acts only on their orders', async () => {
    const [customers, orders] = await Promise.all([loadCustomers(), loadOrders()]);
    const customerIds = new Set(customers.map((c) => c.id));
    const owner = new Map(orders.map((o) => [o.id, o.customerId]));
    for (const [split, count] of [
      ['train', 500],
      ['dev', 20],
    ] as const) {
      const text = await readFile(join(DEFAULT_DATA_DIR, `tasks_${split}.jsonl`), 'utf8');
      const tasks = text
        .trim()
        .split('\n')
        .map(
          (line) =>
            JSON.parse(line) as {
              user_id: string;
              instruction: string;
              actions: Array<{ name: string; kwargs: { order_id?: string } }>;
            },
        );
      expect(tasks).toHaveLength(count);
      const problems: string[] = [];
      tasks.forEach((t, i) => {
        if (!customerIds.has(t.user_id)) problems.push(`${split}:${i + 1}: unknown customer`);
        if (t.instruction.length === 0) problems.push(`${split}:${i + 1}: no instruction`);
        for (const a of t.actions)
          if (a.kwargs.order_id !== undefined && owner.get(a.kwargs.order_id) !== t.user_id)
            problems.push(`${split}:${i + 1}: ${a.name} on an order of someone else`);
      });
      expect(problems).toEqual([]);
    }
  });

  it('ships the store policy that the help centre follows', async () => {
    const policy = await loadPolicy();
    expect(policy).toContain("An order can only be cancelled if its status is 'pending'");
  });
});

describe('loading errors', () => {
  it('names the file and the record that fails validation', async () => {
    const dir = await dirWith({
      'orders.json': JSON.stringify({
        '#W0000001': {
          order_id: '#W0000001',
          user_id: 'someone_1',
          address: {
            address1: '1 Main St',
            address2: '',
            city: 'Austin',
            state: 'TX',
            zip: '73301',
            country: 'USA',
          },
          items: [{ name: 'Lamp', product_id: 'p1', item_id: 'i1', price: 10, options: {} }],
          fulfillments: [],
          status: 'shipped',
          payment_history: [],
        },
      }),
    });
    await expect(loadOrders({ dataDir: dir })).rejects.toThrow(
      `${join(dir, 'orders.json')}: record "#W0000001": status:`,
    );
  });

  it('rejects a record whose key disagrees with its id', async () => {
    const dir = await dirWith({
      'products.json': JSON.stringify({ '111': { name: 'Lamp', product_id: '222', variants: {} } }),
    });
    await expect(loadProducts({ dataDir: dir })).rejects.toThrow(
      'record "111": key does not match product_id "222"',
    );
  });

  it('names the file when it is not valid JSON or missing', async () => {
    const dir = await dirWith({ 'users.json': '{"broken": ' });
    await expect(loadCustomers({ dataDir: dir })).rejects.toThrow(`${join(dir, 'users.json')}: invalid JSON`);
    await expect(loadOrders({ dataDir: dir })).rejects.toThrow(`${join(dir, 'orders.json')}: cannot read`);
  });

  it('does not echo customer data in validation errors', async () => {
    const dir = await dirWith({
      'users.json': JSON.stringify({
        jane_1: {
          name: { first_name: 'Jane', last_name: 'Roe' },
          address: {
            address1: '9 Elm St',
            address2: '',
            city: 'Boise',
            state: 'ID',
            zip: '83701',
            country: 'USA',
          },
          email: 'not-an-email-jane-secret',
          payment_methods: {},
          orders: [],
        },
      }),
    });
    const error = await loadCustomers({ dataDir: dir }).catch((e: Error) => e);
    expect(String(error)).toContain('record "jane_1": email:');
    expect(String(error)).not.toContain('jane-secret');
  });
});
